package ai.vtry.webhook.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A workspace's webhook endpoint (table webhook_endpoints).
 *
 * @param events              the event types it receives, or {@code *} for all
 * @param previousSecret      the secret before the last rotation, still signing until {@code previousSecretUntil}
 * @param failingSince        since when every attempt failed; null after a success
 */
public record Endpoint(String id, String workspaceId, String url, String description, List<String> events,
        boolean enabled, String disabledReason, String secret, String previousSecret, Instant previousSecretUntil,
        Instant failingSince, Instant createdAt, Instant updatedAt) {

    public static Endpoint of(Row row) {
        return new Endpoint(row.getString("id"), row.getString("workspace_id"), row.getString("url"),
                row.getString("description"), Arrays.asList(row.getArrayOfStrings("events")), row.getBoolean("enabled"),
                row.getString("disabled_reason"), row.getString("secret"), row.getString("previous_secret"),
                instant(row, "previous_secret_until"), instant(row, "failing_since"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    /** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
