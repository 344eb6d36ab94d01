/**
 * clothes-service: the clothes library (uploads, URL imports, product-page image discovery and
 * garment extraction). In the walking skeleton it only starts, migrates its database and reports health.
 */
package ai.vtry.clothes;
