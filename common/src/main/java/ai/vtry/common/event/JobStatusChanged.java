package ai.vtry.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A worker's report about one job: PROCESSING when it starts, then COMPLETED with the stored
 * result objects or FAILED with an error.
 *
 * @param imageKeys every stored output, the first one is the job's main image
 * @param response  provider-neutral details for the job's {@code response} (sizes, provider, timings)
 * @param progress  with PROCESSING, what the provider says meanwhile ({@code stage}, {@code queuePosition}); else null
 */
public record JobStatusChanged(
        UUID eventId,
        Instant occurredAt,
        String jobId,
        JobStatus status,
        List<String> imageKeys,
        JobError error,
        Map<String, Object> response,
        Map<String, Object> progress) {
}
