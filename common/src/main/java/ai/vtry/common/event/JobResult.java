package ai.vtry.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A finished job's result that another service must apply before the job may read COMPLETED
 * (topic {@code job-results}, job-service to the owner): a composite for person-service, a cloth for
 * clothes-service. The owner applies it and answers {@link JobResultApplied} in the same transaction;
 * only then does job-service complete the job and publish {@link JobCompleted}. So a client that saw
 * COMPLETED finds the cover, the cloth or the saved edit at once. See docs/events.md.
 *
 * @param owner      the service that applies it ({@link #PERSON_SERVICE} or {@link #CLOTHES_SERVICE})
 * @param parameters the job's parameters as the creating service set them (e.g. personId)
 */
public record JobResult(
        int version,
        UUID eventId,
        Instant occurredAt,
        String jobId,
        String workspaceId,
        String userId,
        JobKind kind,
        String owner,
        List<String> imageKeys,
        Map<String, Object> parameters) {

    public static final int VERSION = 1;
    public static final String PERSON_SERVICE = "person-service";
    public static final String CLOTHES_SERVICE = "clothes-service";

    /**
     * The service whose data a completed job of this kind changes, or null when the result is only
     * the job's own: a compose gives the person a composite, an upload, an extraction or an edit
     * asked with {@code saveAsClothes} makes a cloth.
     */
    public static String ownerOf(JobKind kind, Map<String, Object> parameters) {
        return switch (kind) {
            case PERSON_COMPOSE -> PERSON_SERVICE;
            case CLOTHES_UPLOAD, CLOTHES_EXTRACT -> CLOTHES_SERVICE;
            case EDIT -> parameters != null && Boolean.TRUE.equals(parameters.get("saveAsClothes")) ? CLOTHES_SERVICE : null;
            case GENERATION -> null;
        };
    }

    /** The job's main image, or null when it produced none. */
    @JsonIgnore
    public String imageKey() {
        return imageKeys == null || imageKeys.isEmpty() ? null : imageKeys.get(0);
    }

    /** The owner's answer once the result is applied (or found moot, e.g. its person was deleted). */
    public JobResultApplied applied(Instant now) {
        return new JobResultApplied(UUID.randomUUID(), now, jobId, owner);
    }
}
