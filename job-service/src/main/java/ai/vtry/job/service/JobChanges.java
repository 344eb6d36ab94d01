package ai.vtry.job.service;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.vtry.common.outbox.PgNotifications;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Who follows a job learns here that its status changed: Postgres announces every change on the
 * channel job_changed at commit (migration V2), to every replica, so a client waiting on this one
 * hears a change another replica applied. Chosen over Kafka or Redis because the status lives in
 * this database: the notice cannot come before the change is visible, and nothing else is needed.
 * A notice can still be missed (the LISTEN connection drops); followers therefore read the job again
 * at least every {@link #RECHECK} on their own.
 */
@ApplicationScoped
public class JobChanges {

    /** The longest a follower goes without reading the job, notice or not. */
    public static final Duration RECHECK = Duration.ofSeconds(5);

    private final Map<String, Set<Watch>> watches = new ConcurrentHashMap<>();
    private final PgNotifications notifications;
    private PgSubscriber subscriber;

    public JobChanges(PgNotifications notifications) {
        this.notifications = notifications;
    }

    void listen(@Observes StartupEvent start) {
        subscriber = notifications.subscriber();
        subscriber.channel("job_changed").handler(this::changed);
        subscriber.connect().subscribe().with(ok -> { },
                failure -> Log.warnf("LISTEN job_changed failed; followers of jobs read them every %s: %s", RECHECK,
                        failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    private void changed(String jobId) {
        Set<Watch> followers = watches.get(jobId);
        if (followers != null) {
            followers.forEach(Watch::signal);
        }
    }

    /**
     * Starts following job {@code id} now, so that a change between a read and the next wait is not
     * missed; close the watch when done. Call it on the request's Vert.x context: waits end there.
     */
    public Watch watch(String id) {
        Watch watch = new Watch(id, Vertx.currentContext() == null ? null : Vertx.currentContext().getDelegate());
        // Added inside compute: a close() emptying and removing the set cannot lose this watch.
        watches.compute(id, (k, set) -> {
            Set<Watch> followers = set == null ? ConcurrentHashMap.newKeySet() : set;
            followers.add(watch);
            return followers;
        });
        return watch;
    }

    /** One follower of one job. */
    public final class Watch implements AutoCloseable {

        private final String id;
        private final Context context;
        private final AtomicBoolean changed = new AtomicBoolean();
        private volatile UniEmitter<? super Boolean> waiter;

        private Watch(String id, Context context) {
            this.id = id;
            this.context = context;
        }

        /** Forget earlier notices: call it just before reading the job. */
        public void reset() {
            changed.set(false);
        }

        /**
         * True once the job has changed since {@link #reset()}, false after {@code timeout} without a
         * change; completes on the context the watch was made on (where the job can be read again).
         */
        public Uni<Boolean> next(Duration timeout) {
            return Uni.createFrom().<Boolean>emitter(emitter -> {
                waiter = emitter;
                if (changed.get()) {
                    emitter.complete(true);
                }
            }).ifNoItem().after(timeout).recoverWithItem(false)
                    .invoke(() -> waiter = null)
                    .emitOn(task -> {
                        if (context == null) {
                            task.run();
                        } else {
                            context.runOnContext(v -> task.run());
                        }
                    });
        }

        private void signal() {
            changed.set(true);
            UniEmitter<? super Boolean> current = waiter;
            if (current != null) {
                current.complete(true);
            }
        }

        @Override
        public void close() {
            watches.computeIfPresent(id, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
