package ai.vtry.client.model;

/**
 * A queued clothes upload or extraction; once its job is {@code COMPLETED} the cloth is in the library.
 *
 * @param requestId the job to follow (kind {@code clothes-upload} or {@code clothes-extract})
 */
public record ClothQueued(String requestId) {
}
