package ai.vtry.jobapi;

/** job-service's answer to a created job: {@code {"id":"req_...","status":"QUEUED"}}. */
public record CreatedJob(String id, String status) {
}
