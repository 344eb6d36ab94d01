package ai.vtry.generation.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The fal queue API ({@code VTRY_PROVIDER=fal}). */
@ConfigMapping(prefix = "vtry.fal")
public interface FalConfig {

    /** FAL_KEY; optional here because only VTRY_PROVIDER=fal needs it (ProviderSelection checks). */
    Optional<String> key();

    @WithDefault("https://queue.fal.run")
    String queueUrl();

    @WithDefault("https://rest.fal.ai")
    String storageUrl();

    /** Our model name (NanoBanana, NanoBanana2) to the fal endpoint, e.g. fal-ai/nano-banana/edit. */
    Map<String, String> models();

    /** Bounds each HTTP call (upload, submit, status, result, download); the job's deadline bounds it too. */
    @WithDefault("PT60S")
    Duration callTimeout();

    @WithDefault("PT10S")
    Duration connectTimeout();

    /**
     * fal's webhooks (VTRY_FAL_WEBHOOKS): {@code auto} (on when VTRY_PUBLIC_URL is https), {@code on}
     * or {@code off}. fal then calls {@code <VTRY_PUBLIC_URL>/webhooks/fal} on the gateway.
     */
    @WithDefault("auto")
    String webhooks();

    /** How long fal keeps our inputs and its outputs: short, we re-host the results at once. */
    @WithDefault("PT1H")
    Duration objectTtl();
}
