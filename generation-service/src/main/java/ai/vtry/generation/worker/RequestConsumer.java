package ai.vtry.generation.worker;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
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
    private final ObjectMapper json;

    public RequestConsumer(JobWorker worker, ObjectMapper json) {
        this.worker = worker;
        this.json = json;
    }

    @Incoming("compose-requests")
    public Uni<Void> onCompose(String message) {
        return process(message);
    }

    @Incoming("extract-requests")
    public Uni<Void> onExtract(String message) {
        return process(message);
    }

    @Incoming("generation-requests")
    public Uni<Void> onGeneration(String message) {
        return process(message);
    }

    @Incoming("edit-requests")
    public Uni<Void> onEdit(String message) {
        return process(message);
    }

    private Uni<Void> process(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobRequested.class)).chain(worker::process);
    }
}
