package ai.vtry.common.event;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * How every consumer handles a failure before its message goes to the dead-letter topic: a blip
 * (the database restarting, a connection dropped) must not park a message that would succeed a
 * second later, so the work is tried again with backoff for about half a minute. A message that
 * cannot be read or makes no sense ({@link IllegalArgumentException}, as {@link EventJson} throws) is
 * not tried again: it would fail the same way. The whole budget stays under the connector's 60 s
 * limit for an unacknowledged record.
 */
public final class Redelivery {

    private static final Duration FIRST = Duration.ofMillis(250);
    private static final Duration LONGEST = Duration.ofSeconds(8);
    private static final int RETRIES = 7; // 0.25 + 0.5 + 1 + 2 + 4 + 8 + 8 s, with jitter: about 24 s

    /** Runs {@code work} (each try calls it again, so a transaction starts afresh) until it succeeds or the budget is spent. */
    public static <T> Uni<T> withRetries(String what, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(work::get)
                .onFailure(Redelivery::transientFailure).invoke(e -> Log.warnf("%s failed, trying again: %s", what, e.toString()))
                .onFailure(Redelivery::transientFailure).retry().withBackOff(FIRST, LONGEST).withJitter(0.2).atMost(RETRIES);
    }

    private static boolean transientFailure(Throwable e) {
        return !(e instanceof IllegalArgumentException);
    }

    private Redelivery() {
    }
}
