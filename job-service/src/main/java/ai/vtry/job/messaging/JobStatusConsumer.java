package ai.vtry.job.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.job.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Workers' reports (topic {@code job-status}); acknowledged only after the transaction committed. */
@ApplicationScoped
public class JobStatusConsumer {

    private final JobService service;

    public JobStatusConsumer(JobService service) {
        this.service = service;
    }

    @Incoming("job-status")
    public Uni<Void> on(JobStatusChanged report) {
        return service.apply(report);
    }
}
