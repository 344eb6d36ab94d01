package ai.vtry.common.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes a consumer idempotent: the event id is recorded in the same transaction as the consumer's
 * work, so a redelivered event finds its id and is skipped. Ids are kept {@link #KEPT}, then
 * forgotten (hourly), so the table does not grow for ever. Present where the outbox is (its shared
 * migrations make the table).
 */
@ApplicationScoped
@IfBuildProperty(name = "vtry.outbox.enabled", stringValue = "true")
public class ProcessedEvents {

    /**
     * How long an event's id is kept: longer than Kafka keeps a record (7 days, Kafka's default, which
     * deploy/ leaves as it is), so no redelivery can come after its id is gone. A dead letter replayed
     * later is a record that failed, whose id was never kept.
     */
    public static final Duration KEPT = Duration.ofDays(8);

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

    /** Forgets the ids of events handled before {@code before}; returns how many. */
    @WithTransaction
    public Uni<Integer> forget(Instant before) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from processed_events where processed_at < ?1")
                        .setParameter(1, before)
                        .executeUpdate());
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetOld() {
        return forget(Instant.now().minus(KEPT))
                .onFailure().invoke(e -> Log.warnf("Forgetting old processed event ids failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
