package ai.vtry.generation.worker;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import ai.vtry.common.event.JobRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Job requests from Kafka. A request is acknowledged once its final report is committed to the
 * outbox; an unreadable message goes to {@code <topic>.dlq}, where job-service fails its job.
 */
@ApplicationScoped
public class RequestConsumer {

    private final JobWorker worker;

    public RequestConsumer(JobWorker worker) {
        this.worker = worker;
    }

    @Incoming("compose-requests")
    public Uni<Void> onCompose(JobRequested request) {
        return worker.process(request);
    }
}
