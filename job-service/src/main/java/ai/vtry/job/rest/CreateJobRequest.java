package ai.vtry.job.rest;

import java.util.List;
import java.util.Map;

import ai.vtry.common.event.JobKind;

/**
 * What a service asks job-service to run (internal API). For a kind without a worker (a direct
 * clothes upload) the job is recorded as COMPLETED at once with {@code imageKeys} as its result.
 *
 * @param parameters shown to the caller as the job's {@code parameters}; include the subject's id
 * @param options    provider options handed to the worker
 * @param imageKeys  the inputs in prompt order (or the result, for kinds without a worker)
 */
public record CreateJobRequest(
        JobKind kind,
        String model,
        String prompt,
        Map<String, Object> parameters,
        Map<String, Object> options,
        List<String> imageKeys,
        String sourceUrl) {
}
