package ai.vtry.generation.worker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobRequested;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.outbox.Outbox;
import ai.vtry.common.outbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The worker's transactions: what it tells job-service goes through the outbox, and a request is
 * marked processed in the same transaction as its final report, so a redelivered request is
 * recognised and not run (or billed) twice.
 */
@ApplicationScoped
public class TaskLedger {

    private final Outbox outbox;
    private final ProcessedEvents processedEvents;

    public TaskLedger(Outbox outbox, ProcessedEvents processedEvents) {
        this.outbox = outbox;
        this.processedEvents = processedEvents;
    }

    /** Reports PROCESSING, unless this request was already handled; false means skip it. */
    @WithTransaction
    public Uni<Boolean> begin(JobRequested request) {
        return processedEvents.seen(request.eventId()).chain(seen -> seen
                ? Uni.createFrom().item(false)
                : report(request, JobStatus.PROCESSING, List.of(), null, Map.of()).replaceWith(true));
    }

    /** Reports the final outcome once per request. */
    @WithTransaction
    public Uni<Void> finish(JobRequested request, TaskResult result) {
        return processedEvents.firstDelivery(request.eventId()).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : report(request, result.status(), result.imageKeys(), result.error(), result.details()));
    }

    private Uni<Void> report(JobRequested request, JobStatus status, List<String> keys, JobError error,
            Map<String, Object> details) {
        JobStatusChanged event = new JobStatusChanged(UUID.randomUUID(), Instant.now(), request.jobId(), status, keys,
                error, details);
        return outbox.append(Topics.JOB_STATUS, request.jobId(), event);
    }
}
