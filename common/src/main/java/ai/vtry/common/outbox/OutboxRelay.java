package ai.vtry.common.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import ai.vtry.common.tracing.TraceContext;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends committed outbox rows to Kafka, oldest first, and deletes them once the broker acknowledged.
 *
 * <p>It runs as soon as a row is committed: an insert trigger issues {@code NOTIFY outbox}, which
 * Postgres delivers only after the commit, to every instance. The scheduled run is the safety net
 * for a missed notification (connection drop, crash between commit and send). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances share the work without sending a row twice
 * while both are alive; after a crash a row may be sent again, which consumers dedupe by event id.
 *
 * <p>Each record continues the trace of the transaction that wrote its row: the stored
 * {@code traceparent} becomes the parent of the connector's producer span, whose context the Kafka
 * connector writes into the record's headers; the consumer's span is then its child. A row without
 * one (written outside any span) starts a new trace, never the relay's own (whatever is current here).
 *
 * <p>Enabled in services that set the build property {@code vtry.outbox.enabled=true}; they need the
 * {@code outbox} table (common's {@code db/shared/V0_1__outbox.sql}, in their Flyway locations) and an
 * outgoing channel named {@code outbox}.
 */
@IfBuildProperty(name = "vtry.outbox.enabled", stringValue = "true")
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 100;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final PgNotifications notifications;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
    private PgSubscriber subscriber;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, PgNotifications notifications) {
        this.pool = pool;
        this.emitter = emitter;
        this.notifications = notifications;
    }

    void listen(@Observes StartupEvent start) {
        subscriber = notifications.subscriber();
        subscriber.channel("outbox").handler(payload -> wake());
        subscriber.connect().subscribe().with(
                ok -> wake(),
                failure -> Log.warnf("Outbox LISTEN failed, relying on the periodic sweep: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Safety net: sends whatever a missed notification left behind. */
    @Scheduled(every = "${vtry.outbox.sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        wake();
    }

    /** Starts a drain now, or makes the running drain go round once more. */
    public void wake() {
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining.set(true);
            return;
        }
        wokenWhileDraining.set(false);
        drainOnce().subscribe().with(this::afterDrain, failure -> {
            Log.warnf("Outbox relay failed, will retry: %s", failure.getMessage());
            draining.set(false);
        });
    }

    private void afterDrain(int sent) {
        draining.set(false);
        if (sent == BATCH || wokenWhileDraining.get()) {
            wake();
        }
    }

    /** Claims up to one batch, sends it in order, and deletes it in the same transaction. */
    Uni<Integer> drainOnce() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select id, topic, msg_key, payload::text as payload, traceparent, tracestate "
                        + "from outbox order by id limit $1 for update skip locked")
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(send(row.getString("topic"), row.getString("msg_key"), row.getString("payload"),
                                new TraceContext(row.getString("traceparent"), row.getString("tracestate"))));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // Sends are issued in id order; the producer keeps that order per partition.
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> connection.preparedQuery("delete from outbox where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .replaceWith(ids.size());
                }));
    }

    private Uni<Void> send(String topic, String key, String payload, TraceContext trace) {
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(key)
                        .build())
                // The connector's producer span takes this as its parent and writes the headers.
                .addMetadata(TracingMetadata.withCurrent(trace.restore())));
    }
}
