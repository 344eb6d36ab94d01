package ai.vtry.generation.provider.remote;

import java.time.Duration;

import ai.vtry.generation.provider.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code vtry.provider.calls}: one timing per provider call (a Gemini generateContent, a fal
 * submit with its uploads, a fal poll that ended), tagged with the outcome: {@code ok} or the error code.
 */
public final class CallMetrics {

    public static final String NAME = "vtry.provider.calls";
    public static final String OK = "ok";

    private final MeterRegistry registry;
    private final String provider;

    public CallMetrics(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
    }

    public void record(String model, String outcome, long startNanos) {
        Timer.builder(NAME)
                .description("Calls to the remote image provider, by outcome")
                .tags("provider", provider, "model", model == null ? "unknown" : model, "outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    public static String outcomeOf(Outcome outcome) {
        return outcome instanceof Outcome.Failed failed ? failed.code() : OK;
    }
}
