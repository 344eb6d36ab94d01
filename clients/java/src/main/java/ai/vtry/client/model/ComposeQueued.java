package ai.vtry.client.model;

/**
 * A queued person composite.
 *
 * @param requestId the job to follow (kind {@code person-compose})
 */
public record ComposeQueued(String requestId, String personId) {
}
