package ai.vtry.generation.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Redelivery;
import ai.vtry.common.logging.LogContext;
import ai.vtry.generation.service.EditService;
import ai.vtry.generation.worker.Cancellations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic {@code job-completed}, its own consumer group): an imageUrl edit's fetched
 * input goes, whether the worker finished the job or job-service's sweeper failed it; a cancelled job
 * is stopped wherever it runs ({@link Cancellations}). Every other job is none of our business.
 * Each step is its own idempotence, so no event ids are kept; an unreadable record goes to
 * {@code job-completed.dlq}. Logs name the job and its workspace (MDC).
 */
@ApplicationScoped
public class JobCompletedConsumer {

    private final EditService edits;
    private final Cancellations cancellations;
    private final ObjectMapper json;

    public JobCompletedConsumer(EditService edits, Cancellations cancellations, ObjectMapper json) {
        this.edits = edits;
        this.cancellations = cancellations;
        this.json = json;
    }

    @Incoming("job-completed")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobCompleted.class))
                .chain(event -> LogContext.withJob(event.jobId(), event.workspaceId(), () -> Redelivery.withRetries(
                        "Input of job " + event.jobId(), () -> event.status() == JobStatus.CANCELLED
                                ? cancellations.apply(event).chain(() -> edits.removeInput(event))
                                : edits.removeInput(event))));
    }
}
