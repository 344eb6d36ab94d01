package ai.vtry.common.outbox;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox backlog as gauges: how many events wait to be relayed to Kafka and how old the oldest
 * one is. Both stay near zero while the relay keeps up; a growing age means Kafka is unreachable or
 * the relay is stuck. Measured every 15 s with one cheap query (the table holds only unsent rows).
 */
@IfBuildProperty(name = "vtry.outbox.enabled", stringValue = "true")
@ApplicationScoped
public class OutboxMetrics {

    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("vtry.outbox.pending", pending, AtomicLong::get)
                .description("Events written to the outbox and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("vtry.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("Age of the oldest event waiting in the outbox")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measure() {
        return pool.query("select count(*) as pending, "
                        + "coalesce(extract(epoch from (now() - min(created_at))) * 1000, 0)::bigint as oldest from outbox")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("pending"));
                    oldestAgeMillis.set(row.getLong("oldest"));
                })
                .onFailure().invoke(failure -> Log.debugf("Outbox backlog not measured: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
