package ai.vtry.gateway.limit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import ai.vtry.common.tracing.TracingConfig;
import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.config.LimitsConfig;
import ai.vtry.gateway.http.EventLoopLocal;
import io.micrometer.core.instrument.Counter;
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
 * The gateway's limits, as the API pipeline asks for them: what a request may do comes from
 * {@link PlanPolicy}, where it is counted from {@link FailoverStore} (Redis, or this instance's memory
 * while Redis fails). Also follows generation slots up (bound to their job, freed) and counts refusals.
 */
@ApplicationScoped
public class RateLimiter {

    /** A decision and what following it up needs: the account and member of its generation slot. */
    public record Decision(Verdict verdict, String account, String member, boolean local) {
    }

    private final EventLoopLocal<Redis> clients;
    private final boolean oneRoundTrip;
    private final FailoverStore stores;
    private final PlanPolicy policy;
    private final LimitsConfig config;
    private final LongSupplier clock = System::currentTimeMillis;
    private final String instance = HexFormat.of().toHexDigits(new SecureRandom().nextLong());
    private final AtomicLong sequence = new AtomicLong();

    private final Map<Category, Counter> rateLimited = new EnumMap<>(Category.class);
    private final Counter concurrencyLimited;

    public RateLimiter(Redis redis, RedisOptionsCapture redisOptions, Vertx vertx, LimitsConfig config,
            TracingConfig tracing, MeterRegistry registry) {
        RedisOptions options = redisOptions.copy();
        if (options == null) {
            throw new IllegalStateException("No options of the default Redis client were captured (RedisOptionsCapture)");
        }
        this.clients = perEventLoop(redis, limiterOptions(options, tracing.recording()), vertx);
        this.oneRoundTrip = options.getType() != RedisClientType.CLUSTER;
        this.stores = new FailoverStore(new RedisLimitStore(clients::get, vertx, config.redisTimeout()),
                config.redisRetryInterval().toNanos(), registry);
        this.policy = new PlanPolicy(config);
        this.config = config;
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
        return decide(null, policy.preauth(client));
    }

    /**
     * Counts a failed authentication from {@code client}; refused (429) once the address is past its
     * limit, so guessing keys from one address slows to the limit's pace.
     */
    public Future<Decision> recordFailedAuth(String client) {
        return decide(null, policy.failedAuth(client));
    }

    /** An authenticated request in its category, taking a generation slot with it if asked. */
    public Future<Decision> admitAccount(Principal principal, Category category, boolean takeSlot) {
        return decide(principal.userId(), policy.account(principal, category, takeSlot));
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
        return decide(principal.userId(), policy.preauth(client).then(policy.account(principal, category, takeSlot)));
    }

    /**
     * False under Redis Cluster: an address's and an account's keys carry different hash tags, so
     * one script may not touch both there; each request then takes the two decisions separately.
     */
    public boolean decidesInOneRoundTrip() {
        return oneRoundTrip;
    }

    /** The slot taken by {@code decision} belongs to {@code jobId} from now on. Never fails. */
    public Future<Void> bind(Decision decision, String jobId) {
        return quietly(stores.of(decision.local()).bind(decision.account(), decision.member(), jobId, clock.getAsLong()),
                "bind generation slot to " + jobId);
    }

    /** Frees the slot taken by {@code decision} (the upstream refused the generation). Never fails. */
    public Future<Void> free(Decision decision) {
        return quietly(stores.of(decision.local()).release(decision.account(), decision.member(), clock.getAsLong(), 0),
                "free generation slot");
    }

    /**
     * A generation job ended: frees its slot wherever it was taken. If it was not bound yet, the job
     * is remembered as finished as long as a slot lives, and its bind frees it. Fails when Redis does,
     * so that the caller (JobCompletedConsumer) can retry; calling again is harmless.
     */
    public Future<Void> jobFinished(String account, String jobId) {
        long now = clock.getAsLong();
        return stores.releaseEverywhere(account, jobId, now, now + policy.slotTtlMillis()).mapEmpty();
    }

    /** How many event loops have opened their own Redis client so far. */
    int eventLoopClients() {
        return clients.all().size();
    }

    public long concurrencyRetryAfterMillis() {
        return config.concurrencyRetryAfter().toMillis();
    }

    public long windowMillis() {
        return policy.windowMillis();
    }

    /**
     * The account's windows as they stand, counting nothing: each category's limit, what is left and
     * when the oldest counted request leaves (GET /api/v1/me). One look per category.
     */
    public Future<List<Verdict.Window>> windows(Principal principal) {
        List<Future<Verdict.Window>> looks = new ArrayList<>();
        for (Category category : List.of(Category.READ, Category.WRITE, Category.GENERATE, Category.SOURCE_IMAGES)) {
            String member = instance + ":" + sequence.incrementAndGet();
            looks.add(stores.admit(policy.look(principal, category), clock.getAsLong(), member)
                    .map(decided -> decided.verdict().window()));
        }
        return Future.all(looks).map(all -> looks.stream().map(Future::result).toList());
    }

    /** The account's generation slots: how many its plan has and how many run now (GET /api/v1/me). */
    public Future<Verdict.Slots> generationSlots(Principal principal) {
        return stores.activeSlots(principal.userId(), clock.getAsLong())
                .map(active -> new Verdict.Slots(policy.concurrentGenerations(principal), active));
    }

    private Future<Decision> decide(String account, Admission admission) {
        String member = instance + ":" + sequence.incrementAndGet();
        return stores.admit(admission, clock.getAsLong(), member)
                .map(decided -> new Decision(decided.verdict(), account, member, decided.local()))
                .onSuccess(this::count);
    }

    private void count(Decision decision) {
        switch (decision.verdict().outcome()) {
            case RATE_LIMITED -> rateLimited.get(decision.verdict().window().category()).increment();
            case CONCURRENCY_LIMITED -> concurrencyLimited.increment();
            case ADMITTED -> {
            }
        }
    }

    private static Future<Void> quietly(Future<Boolean> call, String what) {
        return call.<Void>mapEmpty().recover(e -> {
            Log.warnf("Could not %s in Redis (%s): the slot frees itself when it expires", what, e.toString());
            return Future.succeededFuture();
        });
    }
}
