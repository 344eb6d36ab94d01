package ai.vtry.common.outbox;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes a consumer idempotent: the event id is recorded in the same transaction as the consumer's
 * work, so a redelivered event finds its id and is skipped.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** True the first time {@code eventId} is seen; must run inside the consumer's transaction. */
    public Uni<Boolean> firstDelivery(UUID eventId) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("insert into processed_events (event_id) values (?1) on conflict do nothing")
                        .setParameter(1, eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** True if {@code eventId} was already handled (a read, for work that must not start twice). */
    public Uni<Boolean> seen(UUID eventId) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select count(*) from processed_events where event_id = ?1", Long.class)
                        .setParameter(1, eventId)
                        .getSingleResult())
                .map(count -> count > 0);
    }
}
