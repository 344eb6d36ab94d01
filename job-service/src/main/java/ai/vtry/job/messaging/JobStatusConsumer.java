package ai.vtry.job.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.Redelivery;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.logging.LogContext;
import ai.vtry.job.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Workers' reports (topic {@code job-status}); acknowledged only after the transaction committed.
 * Runs in the trace of the worker's report (the connector's consumer span) with the job id in the MDC.
 */
@ApplicationScoped
public class JobStatusConsumer {

    private final JobService service;
    private final ObjectMapper json;

    public JobStatusConsumer(JobService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("job-status")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobStatusChanged.class))
                .chain(report -> LogContext.withJob(report.jobId(), null, () -> Redelivery.withRetries("Report on job " + report.jobId(), () -> service.apply(report))));
    }
}
