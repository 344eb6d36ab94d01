package ai.vtry.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job waiting for a worker. Carries everything the worker needs, because workers have no caller
 * token: the model, the final prompt, provider options and the input objects in prompt order.
 *
 * @param imageKeys storage keys of the inputs, in the order the prompt refers to them
 * @param options   provider options (aspectRatio, resolution, outputFormat, numImages, ...)
 * @param deadline  when the job must be finished or failed with code {@code timeout}
 */
public record JobRequested(
        UUID eventId,
        Instant occurredAt,
        String jobId,
        String workspaceId,
        JobKind kind,
        String model,
        String prompt,
        Map<String, Object> options,
        List<String> imageKeys,
        Instant deadline) {
}
