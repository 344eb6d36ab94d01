package ai.vtry.generation.provider.remote;

import java.time.Duration;
import java.time.Instant;

/** How long one HTTP call may take: the configured call timeout, cut short by the job's deadline. */
public record CallBudget(Duration callTimeout, Instant deadline) {

    /** The timeout of the next call; past the deadline there is none, and the task fails with {@code timeout}. */
    public Duration next() {
        if (deadline == null) {
            return callTimeout;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new ProviderFailure(ProviderFailures.deadlinePassed());
        }
        return left.compareTo(callTimeout) < 0 ? left : callTimeout;
    }

    public boolean expired() {
        return deadline != null && !Instant.now().isBefore(deadline);
    }

    /** Whole seconds until the deadline (at least 1), or null without one. */
    public Long secondsLeft() {
        return deadline == null ? null : Math.max(1, Duration.between(Instant.now(), deadline).toSeconds());
    }
}
