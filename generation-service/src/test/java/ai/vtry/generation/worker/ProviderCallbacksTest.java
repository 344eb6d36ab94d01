package ai.vtry.generation.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProviderCallbacksTest {

    private final ProviderCallbacks callbacks = new ProviderCallbacks(null);

    private static long millis(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aCallbackEndsTheWaitAtOnce() {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            callbacks.heard("other-request");
            callbacks.heard("r-1");
        });
        long waited = millis(() -> callbacks.await("r-1", Duration.ofSeconds(20)).await().atMost(Duration.ofSeconds(30)));
        assertTrue(waited < 10_000, "woken by its callback, not the safety net: " + waited + " ms");
    }

    @Test
    void aCallbackHeardBeforeTheWaitIsKeptForIt() {
        callbacks.heard("r-2"); // arrived while the worker was polling
        long waited = millis(() -> callbacks.await("r-2", Duration.ofSeconds(20)).await().atMost(Duration.ofSeconds(30)));
        assertTrue(waited < 10_000, "ended at once: " + waited + " ms");
    }

    @Test
    void withoutACallbackTheSafetyNetEndsTheWait() {
        long waited = millis(() -> callbacks.await("r-3", Duration.ofMillis(200)).await().atMost(Duration.ofSeconds(30)));
        assertTrue(waited >= 190, "waited the interval: " + waited + " ms");
    }
}
