package ai.vtry.generation.worker;

import java.util.List;
import java.util.Map;

import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobStatus;

/** How a request ended, as the worker reports it: stored images, or an error. */
record TaskResult(JobStatus status, List<String> imageKeys, JobError error, Map<String, Object> details) {

    static TaskResult completed(List<String> imageKeys, Map<String, Object> details) {
        return new TaskResult(JobStatus.COMPLETED, imageKeys, null, details);
    }

    static TaskResult failed(String code, String message) {
        return new TaskResult(JobStatus.FAILED, List.of(), new JobError(code, message), Map.of());
    }
}
