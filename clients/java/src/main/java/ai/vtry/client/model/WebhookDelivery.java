package ai.vtry.client.model;

/**
 * One event for one endpoint, and where its attempts stand. Timestamps are ISO-8601 UTC with milliseconds.
 *
 * @param id the delivery's id ({@code whd_...}), for {@link ai.vtry.client.Webhooks#redeliver(String, String)}
 * @param webhookId the endpoint's id
 * @param eventId the event's id, sent as the {@code webhook-id} header: the same on every attempt and
 *        redelivery, so a receiver can skip what it has seen
 * @param type e.g. {@link Webhook#JOB_COMPLETED} or {@link Webhook#TEST_EVENT}
 * @param jobId the job the event is about, or null (a test event)
 * @param status {@code pending} (an attempt is due at {@code nextAttemptAt}), {@code delivered} (a 2xx
 *        came) or {@code failed} (every retry used up)
 * @param attempts attempts made so far
 * @param lastStatusCode the HTTP status of the last attempt, or null (none yet, or no answer)
 * @param lastError why the last attempt failed, or null
 * @param nextAttemptAt when the next attempt is due, while {@code pending}; null otherwise
 */
public record WebhookDelivery(String id, String webhookId, String eventId, String type, String jobId, String status,
        int attempts, Integer lastStatusCode, String lastError, String lastAttemptAt, String nextAttemptAt,
        String deliveredAt, String createdAt) {

    /** Whether a 2xx answer came. */
    public boolean delivered() {
        return "delivered".equals(status);
    }
}
