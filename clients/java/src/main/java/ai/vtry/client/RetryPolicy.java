package ai.vtry.client;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed call is tried again, and after how long. Only calls that are safe to repeat (reads, and
 * writes carrying an {@code Idempotency-Key}, with a body that can be sent again) are retried, and only
 * for failures that may pass: a 429, a 502/503/504, a 409 {@code idempotencyKeyInUse}, or no answer at
 * all. The pause is the API's {@code Retry-After} (or {@code RateLimit-Reset}) when it gave one, else an
 * exponential backoff; both get a random part so that many clients do not come back at the same moment.
 */
final class RetryPolicy {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /** The most added to a wait the API asked for. */
    static final Duration MAX_JITTER = Duration.ofMillis(250);

    private final int maxRetries;
    private final Duration maxWait;
    private final DoubleSupplier random;

    /**
     * @param maxRetries retries after the first attempt
     * @param maxWait a wait asked for by the API that is longer than this ends the retries
     * @param random numbers from 0 (included) to 1 (excluded)
     */
    RetryPolicy(int maxRetries, Duration maxWait, DoubleSupplier random) {
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
        this.random = random;
    }

    /** The pause before trying again after an error answer, or empty when the error is final. */
    Optional<Duration> afterError(int retriesDone, boolean repeatable, ApiException error) {
        if (!repeatable || retriesDone >= maxRetries || !mayPass(error)) {
            return Optional.empty();
        }
        Optional<Duration> asked = error.retryAfter();
        if (asked.isPresent() && asked.get().compareTo(maxWait) > 0) {
            return Optional.empty();
        }
        return Optional.of(asked.map(wait -> wait.plus(scaled(MAX_JITTER, random.getAsDouble())))
                .orElseGet(() -> backoff(retriesDone)));
    }

    /** The pause before trying again when no answer came (connection refused or broken, timeout), or empty. */
    Optional<Duration> afterNetworkFailure(int retriesDone, boolean repeatable) {
        return repeatable && retriesDone < maxRetries ? Optional.of(backoff(retriesDone)) : Optional.empty();
    }

    /** 0.5 s, 1 s, 2 s, ... up to 8 s, each taken at random between its half and its whole. */
    Duration backoff(int retriesDone) {
        Duration full = FIRST_BACKOFF.multipliedBy(1L << Math.min(retriesDone, 10));
        if (full.compareTo(MAX_BACKOFF) > 0) {
            full = MAX_BACKOFF;
        }
        return scaled(full, 0.5 + random.getAsDouble() / 2);
    }

    private static boolean mayPass(ApiException error) {
        int status = error.status();
        return status == 429 || status == 502 || status == 503 || status == 504
                || status == 409 && "idempotencyKeyInUse".equals(error.code());
    }

    private static Duration scaled(Duration duration, double factor) {
        return Duration.ofNanos((long) (duration.toNanos() * factor));
    }
}
