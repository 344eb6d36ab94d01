package ai.vtry.webhook.entity;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One event for one endpoint (table webhook_deliveries): the payload as recorded when the event
 * arrived, and where its attempts stand.
 *
 * @param status        {@code pending} (an attempt is due at {@code nextAttemptAt}), {@code delivered} or
 *                      {@code failed} (every retry used up)
 */
public record Delivery(String id, String endpointId, String workspaceId, String eventId, String eventType,
        String jobId, String payload, String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
        Integer lastStatusCode, String lastError, Instant deliveredAt, Instant createdAt) {

    public static Delivery of(Row row) {
        return new Delivery(row.getString("id"), row.getString("endpoint_id"), row.getString("workspace_id"),
                row.getString("event_id"), row.getString("event_type"), row.getString("job_id"), row.getString("payload"),
                row.getString("status"), row.getInteger("attempts"), Endpoint.instant(row, "next_attempt_at"),
                Endpoint.instant(row, "last_attempt_at"), row.getInteger("last_status_code"), row.getString("last_error"),
                Endpoint.instant(row, "delivered_at"), Endpoint.instant(row, "created_at"));
    }
}
