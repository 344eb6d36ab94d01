/**
 * clothes-service: the clothes library (uploads, URL imports, product-page image discovery and
 * garment extraction). Adding a garment queues a job in job-service; the cloth row is made from the
 * job-completed event. Discovery ({@code discovery}) is pure HTML analysis behind the SSRF-safe fetcher.
 */
package ai.vtry.clothes;
