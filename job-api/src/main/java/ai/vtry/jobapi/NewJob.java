package ai.vtry.jobapi;

import java.util.List;
import java.util.Map;

import ai.vtry.common.event.JobKind;

/**
 * Body of job-service's {@code POST /internal/jobs} (see docs/architecture.md).
 *
 * @param parameters shown to the caller as the job's parameters; carry the subject's id for the job-completed consumer
 * @param options    provider options handed to the worker
 * @param imageKeys  the inputs in prompt order (or the result, for kinds without a worker)
 * @param timeoutSeconds the client's deadline ({@link JobTimeout}); null for the deployment's
 */
public record NewJob(
        JobKind kind,
        String model,
        String prompt,
        Map<String, Object> parameters,
        Map<String, Object> options,
        List<String> imageKeys,
        String sourceUrl,
        Integer timeoutSeconds) {
}
