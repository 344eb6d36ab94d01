package ai.vtry.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An owner's answer to a {@link JobResult} (topic {@code job-results-applied}, owner to job-service):
 * the effect is committed and visible, so job-service may now complete the job.
 */
public record JobResultApplied(
        UUID eventId,
        Instant occurredAt,
        String jobId,
        String owner) {
}
