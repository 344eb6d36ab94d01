package ai.vtry.generation.worker;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import ai.vtry.generation.config.WorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The provider key's own limits, for all generation-service instances together, kept in Redis: at
 * most {@code VTRY_PROVIDER_MAX_CONCURRENT} jobs with a request at the provider at once, at most
 * {@code VTRY_PROVIDER_MAX_PER_SECOND} submissions a second, and a pause of every instance's
 * submissions once the provider answered "busy" (429). Each decision is one Lua script, one atomic
 * round trip, timed by Redis's clock. A job waiting for its turn holds no thread: {@link ProviderRun}
 * asks again after the wait answered here, and its deadline ends the wait like any other.
 *
 * <p>A lease belongs to a job (the member is the job id) and expires at the job's deadline, so the
 * leases of a killed instance free themselves, and the instance that takes a job over claims the
 * same lease again. Without Redis the workers go on without the shared limits (warned and counted):
 * an outage of Redis must not stop the jobs.
 */
@ApplicationScoped
public class ProviderQuota {

    /** Asks again this long (with jitter) after finding every lease taken. */
    static final Duration FULL_WAIT = Duration.ofSeconds(1);
    /** Past this a decision goes on without Redis: long enough for a busy machine, short against an outage. */
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    // ARGV: job id, lease ms, max concurrent, max per second, force (1: claim whatever the limits).
    // Answers 0 (lease taken), -1 (every lease taken) or the milliseconds to wait.
    private static final String TAKE = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local force = ARGV[5] == '1'
            local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
            if paused > now and not force then return paused - now end
            local cap = tonumber(ARGV[3])
            if cap > 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
              if not force and not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= cap then
                return -1
              end
            end
            local rate = tonumber(ARGV[4])
            if rate > 0 and not force then
              local second = KEYS[2] .. ':' .. math.floor(now / 1000)
              local n = redis.call('INCR', second)
              if n == 1 then redis.call('PEXPIRE', second, 2000) end
              if n > rate then return 1000 - now % 1000 end
            end
            if cap > 0 then redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) end
            return 0
            """;

    // ARGV: pause ms. Extends the pause, never shortens it.
    private static final String PAUSE = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local untilMs = now + tonumber(ARGV[1])
            if untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then
              redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[1])
            end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final int maxConcurrent;
    private final int maxPerSecond;
    private final Set<String> leased = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastWarning = new AtomicLong();
    private final MeterRegistry registry;

    public ProviderQuota(ReactiveRedisDataSource redis, WorkerConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.maxConcurrent = config.providerMaxConcurrent();
        this.maxPerSecond = config.providerMaxPerSecond();
        this.registry = registry;
        Gauge.builder("vtry.provider.requests.in.flight", leased, Set::size)
                .description("Jobs of this instance holding a provider lease (a request at the provider)").register(registry);
    }

    /**
     * Connects to Redis before the first job: the client connects lazily, and a first decision that
     * waited for the connection on a busy machine timed out and went on without the limits.
     */
    void connect(@Observes StartupEvent event) {
        try {
            redis.execute("PING").await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            Log.warnf("Redis did not answer at start, so providers run without the shared limits until it does: %s",
                    e.toString());
        }
    }

    /**
     * Takes the job's lease when the limits allow a submission now: the item is zero. Otherwise it is
     * how long to wait before asking again.
     */
    public Uni<Duration> take(String provider, String jobId, Duration lease) {
        return take(provider, jobId, lease, false).map(wait -> {
            if (wait == 0) {
                return Duration.ZERO;
            }
            registry.counter("vtry.provider.quota.waits", "reason", wait < 0 ? "concurrency" : "rate-or-pause").increment();
            long ms = wait < 0 ? FULL_WAIT.toMillis() : wait;
            return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(ms / 4 + 1)); // spread the retries
        });
    }

    /** Takes the lease of a job whose request is already at the provider (followed after a takeover). */
    public Uni<Void> claim(String provider, String jobId, Duration lease) {
        return take(provider, jobId, lease, true).replaceWithVoid();
    }

    /** Gives the job's lease back: its request at the provider has ended. */
    public Uni<Void> release(String provider, String jobId) {
        if (!leased.remove(jobId) || maxConcurrent <= 0) {
            return Uni.createFrom().voidItem();
        }
        return guarded(redis.execute("ZREM", key(provider, "leases"), jobId).replaceWith(0L), 0L).replaceWithVoid();
    }

    /** Pauses every instance's submissions for {@code wait}: the provider answered busy. */
    public Uni<Void> pause(String provider, Duration wait) {
        registry.counter("vtry.provider.pauses", "provider", provider).increment();
        return guarded(redis.execute("EVAL", PAUSE, "1", key(provider, "paused"), Long.toString(wait.toMillis()))
                .replaceWith(0L), 0L).replaceWithVoid();
    }

    private Uni<Long> take(String provider, String jobId, Duration lease, boolean force) {
        Uni<Long> decision = redis.execute("EVAL", TAKE, "3", key(provider, "leases"), key(provider, "rate"),
                key(provider, "paused"), jobId, Long.toString(Math.max(1, lease.toMillis())), Integer.toString(maxConcurrent),
                Integer.toString(maxPerSecond), force ? "1" : "0")
                .map(reply -> reply.toLong());
        return guarded(decision, 0L).invoke(wait -> {
            if (wait == 0) {
                leased.add(jobId);
            }
        });
    }

    /** Redis unreachable or slow: go on as if allowed ({@code fallback}), warn once a minute. */
    private <T> Uni<T> guarded(Uni<T> call, T fallback) {
        return call.ifNoItem().after(REDIS_TIMEOUT).fail().onFailure().recoverWithItem(failure -> {
            registry.counter("vtry.provider.quota.unavailable").increment();
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
                Log.warnf("Redis is unreachable, so providers run without the shared limits: %s", failure.toString());
            }
            return fallback;
        });
    }

    /** One hash tag per provider: its keys stay in one slot of a Redis Cluster. */
    private static String key(String provider, String what) {
        return "vtry:provider:{" + provider + "}:" + what;
    }
}
