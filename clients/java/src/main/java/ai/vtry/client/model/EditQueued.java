package ai.vtry.client.model;

/**
 * A queued edit.
 *
 * @param requestId the job to follow (kind {@code edit})
 * @param prompt the instruction as accepted
 */
public record EditQueued(String requestId, Source source, String prompt) {

    /**
     * The image being edited.
     *
     * @param type {@code job}, {@code cloth} or {@code url}
     * @param id the job id, the cloth id or the image URL
     */
    public record Source(String type, String id) {
    }
}
