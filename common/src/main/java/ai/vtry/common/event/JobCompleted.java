package ai.vtry.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Published by job-service once per job when it reaches COMPLETED, FAILED or CANCELLED. Any internal service
 * may subscribe; see docs/events.md. {@code version} changes only on incompatible changes.
 *
 * @param parameters the job's parameters as the creating service set them (e.g. personId)
 * @param job        the job as GET /api/v1/jobs/{id} shows it (what webhooks deliver; its links may
 *                   have expired by the time a subscriber reads it, so subscribers sign fresh ones)
 */
public record JobCompleted(
        int version,
        UUID eventId,
        Instant occurredAt,
        String jobId,
        String workspaceId,
        String userId,
        JobKind kind,
        JobStatus status,
        List<String> imageKeys,
        JobError error,
        Map<String, Object> parameters,
        Map<String, Object> job) {

    public static final int VERSION = 1;

    /** The job's main image, or null when it produced none. */
    @JsonIgnore
    public String imageKey() {
        return imageKeys == null || imageKeys.isEmpty() ? null : imageKeys.get(0);
    }
}
