package ai.vtry.generation.worker;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment.Strategy;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.JobRequested;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Job requests from Kafka, many at once. Each record's job starts as soon as the instance has a free
 * slot ({@link InFlight}) and runs on while the consumer goes on to the next record; the record is
 * acknowledged (manually, in {@code run}) once the job's final report is committed to the outbox.
 * Records of a partition may finish out of order: the connector's throttled commit strategy commits
 * an offset only when every record before it is acknowledged, so a crash redelivers exactly the
 * unfinished ones, and the ledger keeps those from running or reporting twice. An unreadable
 * message goes to {@code <topic>.dlq}, where job-service fails its job.
 */
@ApplicationScoped
public class RequestConsumer {

    private final JobWorker worker;
    private final InFlight inFlight;
    private final ObjectMapper json;

    public RequestConsumer(JobWorker worker, InFlight inFlight, ObjectMapper json) {
        this.worker = worker;
        this.inFlight = inFlight;
        this.json = json;
    }

    @Incoming("compose-requests")
    @Acknowledgment(Strategy.MANUAL)
    public CompletionStage<Void> onCompose(Message<String> message) {
        return start(message);
    }

    @Incoming("extract-requests")
    @Acknowledgment(Strategy.MANUAL)
    public CompletionStage<Void> onExtract(Message<String> message) {
        return start(message);
    }

    @Incoming("generation-requests")
    @Acknowledgment(Strategy.MANUAL)
    public CompletionStage<Void> onGeneration(Message<String> message) {
        return start(message);
    }

    @Incoming("edit-requests")
    @Acknowledgment(Strategy.MANUAL)
    public CompletionStage<Void> onEdit(Message<String> message) {
        return start(message);
    }

    /** Completes when the job has started (not when it ends): the next record waits only for a slot. */
    private CompletionStage<Void> start(Message<String> message) {
        JobRequested request;
        try {
            request = EventJson.parse(json, message.getPayload(), JobRequested.class);
        } catch (RuntimeException unreadable) {
            return message.nack(unreadable);
        }
        if (request.kind() == null) {
            return message.nack(new IllegalArgumentException("A job request without its kind"));
        }
        // The record's own duplicated context: its trace, its MDC, its Hibernate Reactive session.
        Context context = Vertx.currentContext();
        return inFlight.acquire(request.kind()).thenRun(() -> {
            if (context == null) {
                run(message, request);
            } else {
                context.runOnContext(ignored -> run(message, request));
            }
        });
    }

    private void run(Message<String> message, JobRequested request) {
        worker.process(request).subscribe().with(
                done -> {
                    inFlight.release(request.kind());
                    if (!inFlight.stopping()) {
                        message.ack();
                    }
                },
                failure -> {
                    inFlight.release(request.kind());
                    if (!inFlight.stopping()) {
                        message.nack(failure);
                    }
                });
    }
}
