package ai.vtry.gateway.limit;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import ai.vtry.common.tracing.TracingConfig;
import ai.vtry.gateway.account.Plan;
import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.config.LimitsConfig;
import ai.vtry.gateway.http.ClientAddresses;
import ai.vtry.gateway.http.EventLoopLocal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway's limits: decides in Redis, shared by every instance, and falls back to this
 * instance's memory while Redis fails (fail-open: requests are still limited, per instance). After
 * a failure Redis is left alone for {@code vtry.limits.redis-retry-interval}, then tried again, so
 * an outage costs no request more than one timeout and recovery needs nobody.
 */
@ApplicationScoped
public class RateLimiter {

    /** A decision and what following it up needs: the account and member of its generation slot. */
    public record Decision(Verdict verdict, String account, String member, boolean local) {
    }

    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final EventLoopLocal<Redis> clients;
    private final boolean oneRoundTrip;
    private final LimitStore redis;
    private final LimitStore local = new LocalLimitStore();
    private final LimitsConfig config;
    private final long windowMillis;
    private final long slotTtlMillis;
    private final long retryIntervalNanos;
    private final LongSupplier clock = System::currentTimeMillis;
    private final String instance = HexFormat.of().toHexDigits(new SecureRandom().nextLong());
    private final AtomicLong sequence = new AtomicLong();

    private final Counter localDecisions;
    private final Map<Category, Counter> rateLimited = new EnumMap<>(Category.class);
    private final Counter concurrencyLimited;

    private volatile boolean degraded;
    private volatile long redisRetryAt;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong lastRecoveryLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    public RateLimiter(Redis redis, RedisOptionsCapture redisOptions, Vertx vertx, LimitsConfig config,
            TracingConfig tracing, MeterRegistry registry) {
        RedisOptions options = redisOptions.copy();
        if (options == null) {
            throw new IllegalStateException("No options of the default Redis client were captured (RedisOptionsCapture)");
        }
        this.clients = perEventLoop(redis, limiterOptions(options, tracing.recording()), vertx);
        this.oneRoundTrip = options.getType() != RedisClientType.CLUSTER;
        this.redis = new RedisLimitStore(clients::get, vertx, config.redisTimeout());
        this.config = config;
        this.windowMillis = config.window().toMillis();
        this.slotTtlMillis = config.generationSlotTtl().toMillis();
        this.retryIntervalNanos = config.redisRetryInterval().toNanos();
        this.localDecisions = Counter.builder("vtry.ratelimit.local.decisions")
                .description("Rate-limit decisions taken in memory because Redis failed").register(registry);
        Gauge.builder("vtry.ratelimit.redis.degraded", this, limiter -> limiter.degraded ? 1 : 0)
                .description("1 while rate limits are counted per instance because Redis fails").register(registry);
        for (Category category : Category.values()) {
            rateLimited.put(category, Counter.builder("vtry.ratelimit.rejected")
                    .tag("category", category.wireName()).register(registry));
        }
        this.concurrencyLimited = Counter.builder("vtry.ratelimit.rejected")
                .tag("category", "generation-concurrency").register(registry);
    }

    /**
     * A Redis client per event loop, connecting like Quarkus' default client ({@code quarkus.redis.*}),
     * so a decision's round trip stays on the request's thread (see {@link EventLoopLocal}); off an
     * event loop (the job-completed consumer), the default client.
     */
    private static EventLoopLocal<Redis> perEventLoop(Redis shared, RedisOptions options, Vertx vertx) {
        AtomicLong loops = new AtomicLong();
        return new EventLoopLocal<>(() -> Redis.createClient(vertx,
                new RedisOptions(options).setPoolName(options.getPoolName() + "-limits-" + loops.incrementAndGet())),
                () -> shared);
    }

    /**
     * The limiter's clients trace their commands only while spans are recorded: with recording off
     * (vtry.tracing.enabled and log-spans false) a Redis client span is never recorded nor passed on (Redis takes
     * no trace context), yet building one took 3-4% of the gateway's CPU per request.
     */
    static RedisOptions limiterOptions(RedisOptions options, boolean recording) {
        RedisOptions copy = new RedisOptions(options);
        return recording ? copy : copy.setTracingPolicy(TracingPolicy.IGNORE);
    }

    @PreDestroy
    void close() {
        clients.all().forEach(Redis::close);
    }

    /**
     * Every /api/v1 request before its key is looked at: counts it (preauth). Failed authentications
     * are not checked here: they refuse only requests that fail again ({@link #recordFailedAuth}), so
     * a valid key is never locked out by what others did from its address (a shared NAT, a forged hop).
     */
    public Future<Decision> admitClient(String client) {
        return decide(null, clientAdmission(client));
    }

    /**
     * Counts a failed authentication from {@code client}; refused (429) once the address is past its
     * limit, so guessing keys from one address slows to the limit's pace.
     */
    public Future<Decision> recordFailedAuth(String client) {
        String subject = addressSubject(client);
        return decide(null, new Admission(List.of(new Admission.Check(Category.FAILED_AUTH,
                Admission.windowKey(Category.FAILED_AUTH, subject), config.ip().failedAuth(), true)),
                windowMillis, null));
    }

    /** An authenticated request in its category, taking a generation slot with it if asked. */
    public Future<Decision> admitAccount(Principal principal, Category category, boolean takeSlot) {
        return decide(principal.userId(), accountAdmission(principal, category, takeSlot));
    }

    /**
     * A request whose key is already known (this instance's key cache): {@link #admitClient} and then
     * {@link #admitAccount}, with the same outcome, but in one Redis round trip instead of two. The
     * address's limits are decided first and, once they admit, preauth stays counted even if the
     * account's limit refuses; the account's are decided only if the address's admitted. Only where
     * {@link #decidesInOneRoundTrip()}.
     */
    public Future<Decision> admitClientAndAccount(String client, Principal principal, Category category,
            boolean takeSlot) {
        return decide(principal.userId(),
                clientAdmission(client).then(accountAdmission(principal, category, takeSlot)));
    }

    /**
     * False under Redis Cluster: an address's and an account's keys carry different hash tags, so
     * one script may not touch both there; each request then takes the two decisions separately.
     */
    public boolean decidesInOneRoundTrip() {
        return oneRoundTrip;
    }

    private Admission clientAdmission(String client) {
        String subject = addressSubject(client);
        return new Admission(List.of(new Admission.Check(Category.PREAUTH, Admission.windowKey(Category.PREAUTH, subject),
                config.ip().preauth(), true)), windowMillis, null);
    }

    /** ip:ADDRESS, or ip:NETWORK/64 for an IPv6 client: see {@link ClientAddresses#limitSubject}. */
    private static String addressSubject(String client) {
        return "ip:" + ClientAddresses.limitSubject(client);
    }

    private Admission accountAdmission(Principal principal, Category category, boolean takeSlot) {
        LimitsConfig.PlanLimits limits = config.of(Plan.fromId(principal.planId()).orElse(Plan.FREE));
        int limit = switch (category) {
            case READ -> limits.read();
            case WRITE -> limits.write();
            case GENERATE -> limits.generate();
            case SOURCE_IMAGES -> limits.sourceImages();
            case PREAUTH, FAILED_AUTH -> throw new IllegalArgumentException(category + " is counted per client");
        };
        String account = principal.userId();
        Admission.Slot slot = takeSlot ? new Admission.Slot(account, limits.concurrentGenerations(), slotTtlMillis)
                : null;
        return new Admission(List.of(new Admission.Check(category, Admission.windowKey(category, account), limit, true)),
                windowMillis, slot);
    }

    /** The slot taken by {@code decision} belongs to {@code jobId} from now on. Never fails. */
    public Future<Void> bind(Decision decision, String jobId) {
        return quietly(store(decision).bind(decision.account(), decision.member(), jobId, clock.getAsLong()),
                "bind generation slot to " + jobId);
    }

    /** Frees the slot taken by {@code decision} (the upstream refused the generation). Never fails. */
    public Future<Void> free(Decision decision) {
        return quietly(store(decision).release(decision.account(), decision.member(), clock.getAsLong(), 0),
                "free generation slot");
    }

    /**
     * A generation job ended: frees its slot wherever it was taken. If it was not bound yet, the job
     * is remembered as finished as long as a slot lives, and its bind frees it. Fails when Redis does,
     * so that the caller (JobCompletedConsumer) can retry; calling again is harmless.
     */
    public Future<Void> jobFinished(String account, String jobId) {
        long now = clock.getAsLong();
        local.release(account, jobId, now, now + slotTtlMillis);
        return redis.release(account, jobId, now, now + slotTtlMillis).mapEmpty();
    }

    /** How many event loops have opened their own Redis client so far. */
    int eventLoopClients() {
        return clients.all().size();
    }

    public long concurrencyRetryAfterMillis() {
        return config.concurrencyRetryAfter().toMillis();
    }

    public long windowMillis() {
        return windowMillis;
    }

    private Future<Decision> decide(String account, Admission admission) {
        String member = instance + ":" + sequence.incrementAndGet();
        long now = clock.getAsLong();
        Future<Decision> decision;
        if (!degraded || System.nanoTime() - redisRetryAt >= 0) {
            decision = redis.admit(admission, now, member).map(verdict -> {
                redisAnswered();
                return new Decision(verdict, account, member, false);
            }).recover(e -> {
                redisFailed(e);
                return decideLocally(account, admission, now, member);
            });
        } else {
            decision = decideLocally(account, admission, now, member);
        }
        return decision.onSuccess(this::count);
    }

    private Future<Decision> decideLocally(String account, Admission admission, long now, String member) {
        localDecisions.increment();
        return local.admit(admission, now, member).map(verdict -> new Decision(verdict, account, member, true));
    }

    private void count(Decision decision) {
        switch (decision.verdict().outcome()) {
            case RATE_LIMITED -> rateLimited.get(decision.verdict().window().category()).increment();
            case CONCURRENCY_LIMITED -> concurrencyLimited.increment();
            case ADMITTED -> {
            }
        }
    }

    private LimitStore store(Decision decision) {
        return decision.local() ? local : redis;
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

    private static Future<Void> quietly(Future<Boolean> call, String what) {
        return call.<Void>mapEmpty().recover(e -> {
            Log.warnf("Could not %s in Redis (%s): the slot frees itself when it expires", what, e.toString());
            return Future.succeededFuture();
        });
    }
}
