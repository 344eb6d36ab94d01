package ai.vtry.client.model;

/**
 * One Server-Sent Event of {@code GET /api/v1/jobs/{id}/events}: a state of the job.
 *
 * @param id {@code 1} (queued), {@code 2} (processing) or {@code 3} (final): pass the last one as
 *        {@code Last-Event-ID} to resume
 * @param event {@code queued}, {@code processing}, {@code completed}, {@code failed} or {@code cancelled}
 * @param job the job in that state
 */
public record JobEvent(String id, String event, Job job) {
}
