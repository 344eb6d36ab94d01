package ai.vtry.generation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.vtry.generation.provider.CpuPool;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.fal.FalProvider;
import ai.vtry.generation.provider.fal.TestFalConfig;
import ai.vtry.generation.provider.gemini.GeminiProvider;
import ai.vtry.generation.provider.gemini.TestGeminiConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProviderSelectionTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CpuPool cpu = new CpuPool(1, registry);
    private final TestFalConfig fal = TestFalConfig.of("http://127.0.0.1:9", Duration.ofSeconds(1));
    private final TestGeminiConfig gemini = TestGeminiConfig.of("http://127.0.0.1:9", Duration.ofSeconds(1));

    @Test
    void falWebhooksAreOnForAnHttpsPublicUrlUnlessSwitched() {
        assertEquals(Optional.of("https://api.vtry.example/webhooks/fal"),
                ProviderSelection.falWebhookUrl("auto", "https://api.vtry.example/"));
        assertEquals(Optional.empty(), ProviderSelection.falWebhookUrl("auto", "http://localhost:8080"));
        assertEquals(Optional.of("http://127.0.0.1:28080/webhooks/fal"),
                ProviderSelection.falWebhookUrl("on", "http://127.0.0.1:28080"));
        assertEquals(Optional.empty(), ProviderSelection.falWebhookUrl("off", "https://api.vtry.example"));
        assertThrows(IllegalStateException.class, () -> ProviderSelection.falWebhookUrl("yes", "https://a.example"));
    }

    @Test
    void picksFal() throws Exception {
        ImageProvider provider = ProviderSelection.select("fal", () -> null, fal, gemini, registry, cpu, "http://localhost:8080");
        try (FalProvider chosen = assertInstanceOf(FalProvider.class, provider)) {
            assertEquals("fal", chosen.name());
        }
    }

    @Test
    void picksGemini() throws Exception {
        ImageProvider provider = ProviderSelection.select("gemini", () -> null, fal, gemini, registry, cpu, "http://localhost:8080");
        try (GeminiProvider chosen = assertInstanceOf(GeminiProvider.class, provider)) {
            assertEquals("gemini", chosen.name());
        }
    }

    @Test
    void falWithoutItsKeyStopsStartUp() {
        TestFalConfig noKey = new TestFalConfig(Optional.empty(), fal.queueUrl(), fal.storageUrl(), Map.of(),
                fal.callTimeout(), fal.connectTimeout(), fal.webhooks(), fal.objectTtl());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProviderSelection.select("fal", () -> null, noKey, gemini, registry, cpu, "http://localhost:8080"));

        assertEquals("VTRY_PROVIDER=fal needs the API key in FAL_KEY, which is empty", e.getMessage());
    }

    @Test
    void geminiWithABlankKeyStopsStartUp() {
        TestGeminiConfig blank = new TestGeminiConfig(Optional.of(" "), gemini.url(), Map.of(), gemini.callTimeout(),
                gemini.connectTimeout());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProviderSelection.select("gemini", () -> null, fal, blank, registry, cpu, "http://localhost:8080"));

        assertEquals("VTRY_PROVIDER=gemini needs the API key in GEMINI_API_KEY, which is empty", e.getMessage());
    }

    @Test
    void anUnknownNameStopsStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProviderSelection.select("replicate", () -> null, fal, gemini, registry, cpu, "http://localhost:8080"));

        assertEquals("VTRY_PROVIDER=replicate is not a provider; use local, fal or gemini", e.getMessage());
    }
}
