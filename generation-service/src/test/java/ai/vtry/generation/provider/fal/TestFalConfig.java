package ai.vtry.generation.provider.fal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import ai.vtry.generation.config.FalConfig;

/** FalConfig without Quarkus: the providers are built directly in unit tests. */
public record TestFalConfig(Optional<String> key, String queueUrl, String storageUrl, Map<String, String> models,
        Duration callTimeout, Duration connectTimeout, String webhooks, Duration objectTtl) implements FalConfig {

    public static final String KEY = "fal-7f3a9c2e-41d8:5b0e8d1f6a2c4e9b8d7f3a1c6e5b2d4f";

    public static TestFalConfig of(String url, Duration callTimeout) {
        return new TestFalConfig(Optional.of(KEY), url, url,
                Map.of("NanoBanana", "fal-ai/nano-banana/edit", "NanoBanana2", "fal-ai/nano-banana-2/edit"),
                callTimeout, Duration.ofSeconds(2), "off", Duration.ofHours(1));
    }
}
