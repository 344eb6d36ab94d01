package ai.vtry.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The write side of the transactional outbox: an event is stored in the same transaction as the
 * business change it announces, and {@link OutboxRelay} sends it to Kafka after the commit.
 * Never send to Kafka straight from a transaction: the send cannot be rolled back.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Queues {@code event} for {@code topic} with {@code key}; must run inside a transaction. */
    public Uni<Void> append(String topic, String key, Object event) {
        String payload = toJson(event);
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("insert into outbox (topic, msg_key, payload) values (?1, ?2, cast(cast(?3 as text) as jsonb))")
                        .setParameter(1, topic)
                        .setParameter(2, key)
                        .setParameter(3, payload)
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
