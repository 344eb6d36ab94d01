package ai.vtry.job.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import ai.vtry.common.event.Redelivery;
import ai.vtry.common.logging.LogContext;
import ai.vtry.job.service.JobService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Requests that a worker could not process land on {@code <requests topic>.dlq}. Their job must not
 * wait forever: it fails with the reason the worker gave. The record key is the job id, so this works
 * even when the payload itself was unreadable.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    private final JobService service;

    public DeadLetterConsumer(JobService service) {
        this.service = service;
    }

    @Incoming("request-dead-letters")
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return LogContext.withJob(record.key(), null, () -> {
            String reason = header(record, "dead-letter-reason");
            Log.warnf("Job %s dead-lettered from %s: %s", record.key(), record.topic(), reason);
            // A stable id per record makes a redelivered dead letter a no-op.
            UUID eventId = UUID.nameUUIDFromBytes((record.topic() + "/" + record.partition() + "/" + record.offset())
                    .getBytes(StandardCharsets.UTF_8));
            return Redelivery.withRetries("Dead letter of job " + record.key(),
                    () -> service.failUndeliverable(eventId, record.key(), reason == null ? "unknown error" : reason));
        });
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
