package ai.vtry.gateway.limit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.Future;

/**
 * Redis, shared by every instance, with this instance's memory as the fallback while Redis fails
 * (fail-open: requests are still limited, per instance). After a failure Redis is left alone for
 * {@code vtry.limits.redis-retry-interval}, then tried again, so an outage costs no request more
 * than one timeout and recovery needs nobody. A slot is followed up in the store that took it.
 */
final class FailoverStore {

    /** A verdict and the store that gave it. */
    record Decided(Verdict verdict, boolean local) {
    }

    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LimitStore redis;
    private final LimitStore local = new LocalLimitStore();
    private final long retryIntervalNanos;
    private final Counter localDecisions;

    private volatile boolean degraded;
    private volatile long redisRetryAt;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong lastRecoveryLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    FailoverStore(LimitStore redis, long retryIntervalNanos, MeterRegistry registry) {
        this.redis = redis;
        this.retryIntervalNanos = retryIntervalNanos;
        this.localDecisions = Counter.builder("vtry.ratelimit.local.decisions")
                .description("Rate-limit decisions taken in memory because Redis failed").register(registry);
        Gauge.builder("vtry.ratelimit.redis.degraded", this, store -> store.degraded ? 1 : 0)
                .description("1 while rate limits are counted per instance because Redis fails").register(registry);
    }

    Future<Decided> admit(Admission admission, long now, String member) {
        if (degraded && System.nanoTime() - redisRetryAt < 0) {
            return admitLocally(admission, now, member);
        }
        return redis.admit(admission, now, member).map(verdict -> {
            redisAnswered();
            return new Decided(verdict, false);
        }).recover(e -> {
            redisFailed(e);
            return admitLocally(admission, now, member);
        });
    }

    /** The account's taken generation slots, from Redis, or this instance's memory while Redis fails. */
    Future<Integer> activeSlots(String account, long now) {
        if (degraded && System.nanoTime() - redisRetryAt < 0) {
            return local.activeSlots(account, now);
        }
        return redis.activeSlots(account, now).map(active -> {
            redisAnswered();
            return active;
        }).recover(e -> {
            redisFailed(e);
            return local.activeSlots(account, now);
        });
    }

    /** The store that took a slot ({@code local} as its decision said). */
    LimitStore of(boolean local) {
        return local ? this.local : redis;
    }

    /** A finished job frees its slot wherever it was taken; fails when Redis does (callers retry). */
    Future<Boolean> releaseEverywhere(String account, String jobId, long now, long rememberUntil) {
        local.release(account, jobId, now, rememberUntil);
        return redis.release(account, jobId, now, rememberUntil);
    }

    private Future<Decided> admitLocally(Admission admission, long now, String member) {
        localDecisions.increment();
        return local.admit(admission, now, member).map(verdict -> new Decided(verdict, true));
    }

    private void redisAnswered() {
        if (degraded) {
            degraded = false;
            if (logNow(lastRecoveryLog)) {
                Log.info("Redis answers again: rate limits are shared by all gateway instances again");
            }
        }
    }

    private void redisFailed(Throwable e) {
        redisRetryAt = System.nanoTime() + retryIntervalNanos;
        degraded = true;
        // A Redis that comes and goes must not log per request: a warning a minute at most.
        if (logNow(lastWarning)) {
            Log.warnf("Redis fails for rate limits (%s): each gateway instance limits in memory until it answers;"
                    + " %d decisions taken in memory so far", e.toString(), (long) localDecisions.count());
        }
    }

    private static boolean logNow(AtomicLong last) {
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= LOG_EVERY_NANOS && last.compareAndSet(previous, now);
    }
}
