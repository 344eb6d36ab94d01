package ai.vtry.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import ai.vtry.webhook.config.WebhooksConfig;
import ai.vtry.webhook.repository.DeliveryRepository;
import ai.vtry.webhook.repository.DeliveryRepository.Claimed;
import ai.vtry.webhook.signing.WebhookSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends due attempts. Every replica looks for them each second (and at once when it recorded new
 * deliveries), claims a batch in Postgres (FOR UPDATE SKIP LOCKED, so replicas share the work and no
 * attempt goes out twice), signs each body and POSTs it. A 2xx ends the delivery; anything else is
 * retried after the next wait of the schedule (longer if a 429 or 503 says so in Retry-After), until
 * the schedule is used up. The schedule lives in the table, so restarts lose nothing.
 */
@ApplicationScoped
public class DeliveryRunner {

    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final Payloads payloads;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final Counter disabled;

    public DeliveryRunner(DeliveryRepository deliveries, WebhookSender sender, Payloads payloads, WebhooksConfig config,
            Vertx vertx, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.payloads = payloads;
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
        this.disabled = Counter.builder("vtry.webhooks.endpoints.disabled")
                .description("Endpoints disabled after failing for days").register(registry);
    }

    @Scheduled(every = "${vtry.webhooks.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return runDue();
    }

    /** The delivery log keeps finished deliveries for vtry.webhooks.keep-finished (30 days). */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetOldDeliveries() {
        return deliveries.forgetFinished(Instant.now().minus(config.keepFinished()))
                .onFailure().invoke(e -> Log.warnf("Forgetting old webhook deliveries failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Sends what is due now, without waiting for the next tick (new deliveries were just recorded). */
    public void wake() {
        runDue().subscribe().with(done -> {
        }, failure -> Log.warnf("Sending webhooks failed: %s", failure.toString()));
    }

    /** Claims and sends due attempts, batch after batch while full batches come. */
    Uni<Void> runDue() {
        Instant now = Instant.now();
        return deliveries.claimDue(now, now.plus(config.claimLease()), config.batch())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(claimed.stream().map(this::attempt).toList()).andCollectFailures()
                                .chain(() -> claimed.size() == config.batch() ? runDue() : Uni.createFrom().voidItem()));
    }

    private Uni<Void> attempt(Claimed claimed) {
        long start = System.nanoTime();
        // Unordered: the attempts of a batch go out at once, each on its own worker thread, and each is
        // signed when it leaves, so its timestamp is fresh however long the others take.
        return vertx.executeBlocking(Uni.createFrom().item(() -> send(claimed)), false)
                .chain(answer -> {
                    Timer.builder("vtry.webhooks.attempts").description("One POST to a customer's endpoint")
                            .tag("result", answer.success() ? "2xx" : answer.status() == null ? "error" : answer.status() / 100 + "xx")
                            .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
                    Instant after = Instant.now();
                    if (answer.success()) {
                        count("delivered");
                        return deliveries.delivered(claimed, answer.status(), after);
                    }
                    Instant next = nextAttempt(claimed.delivery().attempts(), answer, after);
                    count(next == null ? "failed" : "retrying");
                    Log.infof("Webhook %s to endpoint %s: attempt %d failed (%s)%s", claimed.delivery().id(),
                            claimed.endpoint().id(), claimed.delivery().attempts(), answer.error(),
                            next == null ? ", no retry left" : ", next at " + next);
                    return deliveries.attemptFailed(claimed, answer.status(), answer.error(), next, after,
                            after.minus(config.disableAfter())).invoke(nowDisabled -> {
                                if (nowDisabled) {
                                    disabled.increment();
                                    Log.warnf("Webhook endpoint %s disabled: every delivery failed for %s",
                                            claimed.endpoint().id(), config.disableAfter());
                                }
                            }).replaceWithVoid();
                });
    }

    private WebhookSender.Answer send(Claimed claimed) {
        Instant now = Instant.now();
        String id = claimed.delivery().eventId();
        long timestamp = now.getEpochSecond();
        String body = payloads.withFreshLinks(claimed.delivery().payload());
        Map<String, String> headers = Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.header(claimed.endpoint().signingSecrets(now), id, timestamp, body));
        return sender.post(claimed.endpoint().url(), headers, body);
    }

    /** When to try again after attempt number {@code attempts} failed; null when the schedule is used up. */
    Instant nextAttempt(int attempts, WebhookSender.Answer answer, Instant now) {
        List<Duration> schedule = config.retrySchedule();
        if (attempts > schedule.size()) {
            return null;
        }
        Duration wait = schedule.get(attempts - 1);
        long jitter = wait.toMillis() / 10;
        wait = wait.plusMillis(jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        Duration asked = answer.status() != null && (answer.status() == 429 || answer.status() == 503)
                ? retryAfter(answer.retryAfter(), now) : null;
        if (asked != null && asked.compareTo(wait) > 0) {
            wait = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        return now.plus(wait);
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private void count(String outcome) {
        Counter.builder("vtry.webhooks.deliveries").description("Webhook attempts by what came of them")
                .tag("outcome", outcome).register(registry).increment();
    }
}
