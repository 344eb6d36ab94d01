package ai.vtry.jobapi;

import java.util.List;

/**
 * job-service's internal view of one job of the caller's workspace ({@code GET /internal/jobs/{id}}):
 * enough for another service to use the job's result as an input.
 */
public record JobSummary(String id, String kind, String status, List<String> imageKeys) {
}
