package ai.vtry.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.tracing.TraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The write side of the transactional outbox: an event is stored in the same transaction as the
 * business change it announces, and {@link OutboxRelay} sends it to Kafka after the commit.
 * Never send to Kafka straight from a transaction: the send cannot be rolled back.
 *
 * <p>The row also keeps the trace context of the span that wrote it (W3C {@code traceparent} and
 * {@code tracestate}), so the record the relay sends later, and the consumer's work, belong to the
 * same trace as the request or message that caused the event.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Queues {@code event} for {@code topic} with {@code key}, under the current span's trace context;
     * must run inside a transaction.
     */
    public Uni<Void> append(String topic, String key, Object event) {
        String payload = toJson(event);
        TraceContext trace = TraceContext.current();
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("insert into outbox (topic, msg_key, payload, traceparent, tracestate) "
                                + "values (?1, ?2, cast(cast(?3 as text) as jsonb), cast(?4 as text), cast(?5 as text))")
                        .setParameter(1, topic)
                        .setParameter(2, key)
                        .setParameter(3, payload)
                        .setParameter(4, trace.traceparent())
                        .setParameter(5, trace.tracestate())
                        .executeUpdate())
                .replaceWithVoid();
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialized: " + event.getClass().getName(), e);
        }
    }
}
