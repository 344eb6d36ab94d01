package ai.vtry.gateway.messaging;

import java.time.Duration;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.logging.LogContext;
import ai.vtry.gateway.limit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic {@code job-completed}): a generation that completed or failed frees its
 * account's generation slot. Other kinds never took one. An unreadable record goes to
 * {@code job-completed.dlq}. A release that fails in Redis is retried after 1, 2, 4, 8 and 16 s
 * before the record is acknowledged (Kafka keeps it if the gateway dies meanwhile); after that the
 * slot frees itself when it expires ({@code vtry.limits.generation-slot-ttl}).
 */
@ApplicationScoped
public class JobCompletedConsumer {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /**
     * No retry starts later than this after releases began to fail. Records wait in order behind a
     * retrying one, and the connector reports a failure when one waits 60 s unacknowledged
     * (throttled.unprocessed-record-max-age.ms), so the budget is per outage, not per record: once
     * spent, each release is tried once until one succeeds. 1+2+4+8+16 s of delays fit, with room for
     * the attempts' own timeouts.
     */
    private static final Duration RETRY_WITHIN = Duration.ofSeconds(35);

    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Counter releaseFailures;

    /** System.nanoTime() of the first failed release since the last one that succeeded; null while they succeed. */
    private volatile Long failingSince;

    public JobCompletedConsumer(RateLimiter limiter, ObjectMapper json, Vertx vertx, MeterRegistry registry) {
        this.limiter = limiter;
        this.json = json;
        this.vertx = vertx;
        this.releaseFailures = Counter.builder("vtry.ratelimit.slot.release.failures")
                .description("Attempts to free a finished generation's slot in Redis that failed").register(registry);
    }

    @Incoming("job-completed")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobCompleted.class))
                .chain(event -> LogContext.withJob(event.jobId(), event.workspaceId(),
                        () -> event.kind() == JobKind.GENERATION && event.status().terminal()
                                ? release(event, FIRST_RETRY)
                                : Uni.createFrom().voidItem()));
    }

    /** Frees the job's slot; on a failure waits {@code delay} and tries again with twice the delay. */
    private Uni<Void> release(JobCompleted event, Duration delay) {
        return Uni.createFrom().completionStage(() -> limiter.jobFinished(event.userId(), event.jobId())
                .toCompletionStage())
                .invoke(() -> failingSince = null)
                .onFailure().recoverWithUni(e -> {
                    releaseFailures.increment();
                    long now = System.nanoTime();
                    Long since = failingSince;
                    if (since == null) {
                        failingSince = since = now;
                    }
                    if (!retries(Duration.ofNanos(now - since), delay)) {
                        Log.warnf("Could not free the job's generation slot in Redis (%s), giving up: it frees itself"
                                + " when it expires", e.toString());
                        return Uni.createFrom().voidItem();
                    }
                    return timer(delay).chain(() -> release(event, delay.multipliedBy(2)));
                });
    }

    /** Whether a release retries after {@code delay}, releases having failed for {@code failingFor}. */
    static boolean retries(Duration failingFor, Duration delay) {
        return failingFor.plus(delay).compareTo(RETRY_WITHIN) <= 0;
    }

    /** A Vert.x timer, not Mutiny's executor: the retry stays on the record's context (its MDC). */
    private Uni<Void> timer(Duration delay) {
        return Uni.createFrom().emitter(done -> vertx.setTimer(delay.toMillis(), id -> done.complete(null)));
    }
}
