package ai.vtry.generation.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Gemini API, called directly ({@code VTRY_PROVIDER=gemini}). */
@ConfigMapping(prefix = "vtry.gemini")
public interface GeminiConfig {

    /** GEMINI_API_KEY; optional here because only VTRY_PROVIDER=gemini needs it (ProviderSelection checks). */
    Optional<String> key();

    @WithDefault("https://generativelanguage.googleapis.com")
    String url();

    /** Our model name (NanoBanana, NanoBanana2) to the Gemini model, e.g. gemini-2.5-flash-image. */
    Map<String, String> models();

    /** One generateContent call answers with the image, which takes 60-120 s and sometimes more. */
    @WithDefault("PT180S")
    Duration callTimeout();

    @WithDefault("PT10S")
    Duration connectTimeout();
}
