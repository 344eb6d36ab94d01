package ai.vtry.generation.provider.gemini;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import ai.vtry.generation.config.GeminiConfig;

/** GeminiConfig without Quarkus: the providers are built directly in unit tests. */
public record TestGeminiConfig(Optional<String> key, String url, Map<String, String> models, Duration callTimeout,
        Duration connectTimeout) implements GeminiConfig {

    public static final String KEY = "AIzaSyD3-test-9f8e7d6c5b4a3f2e1d0c9b8a7";

    public static TestGeminiConfig of(String url, Duration callTimeout) {
        return new TestGeminiConfig(Optional.of(KEY), url,
                Map.of("NanoBanana", "gemini-2.5-flash-image", "NanoBanana2", "gemini-3.1-flash-image-preview"),
                callTimeout, Duration.ofSeconds(2));
    }
}
