package ai.vtry.job.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.Redelivery;
import ai.vtry.common.event.JobResultApplied;
import ai.vtry.common.logging.LogContext;
import ai.vtry.job.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Owners' answers (topic {@code job-results-applied}): a held result is now visible in the owner's
 * data, so its job completes. Acknowledged only after the transaction committed.
 */
@ApplicationScoped
public class ResultAppliedConsumer {

    private final JobService service;
    private final ObjectMapper json;

    public ResultAppliedConsumer(JobService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("job-results-applied")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobResultApplied.class))
                .chain(applied -> LogContext.withJob(applied.jobId(), null, () -> Redelivery.withRetries("Applied result of job " + applied.jobId(), () -> service.completeApplied(applied))));
    }
}
