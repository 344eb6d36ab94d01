package ai.vtry.generation.config;

import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.vtry.generation.provider.CpuPool;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.fal.FalProvider;
import ai.vtry.generation.provider.gemini.GeminiProvider;
import ai.vtry.generation.provider.local.LocalProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * Picks the provider named by VTRY_PROVIDER (local, fal or gemini). An unknown name, or a remote
 * provider without its key, stops start-up with a message naming the variable to set.
 */
@ApplicationScoped
public class ProviderSelection {

    @Produces
    @ApplicationScoped
    ImageProvider provider(@ConfigProperty(name = "vtry.provider", defaultValue = "local") String name, LocalProvider local,
            FalConfig fal, GeminiConfig gemini, MeterRegistry registry, CpuPool cpu,
            @ConfigProperty(name = "vtry.links.public-url") String publicUrl) {
        return select(name, () -> local, fal, gemini, registry, cpu, publicUrl);
    }

    /** The one CPU pool of this instance, shared by whichever provider is selected. */
    @Produces
    @ApplicationScoped
    CpuPool cpuPool(WorkerConfig worker, MeterRegistry registry) {
        return new CpuPool(worker.cpuThreads(), registry);
    }

    void close(@Disposes CpuPool cpu) {
        cpu.close();
    }

    /** The producer is lazy: touching the provider here makes a wrong setting fail at start, not at the first job. */
    void checkAtStartup(@Observes StartupEvent event, ImageProvider provider, CpuPool cpu) {
        Log.infof("Image provider: %s; image work on %d CPU threads", provider.name(), cpu.threads());
    }

    void close(@Disposes ImageProvider provider) throws Exception {
        if (provider instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    public static ImageProvider select(String name, Supplier<? extends ImageProvider> local, FalConfig fal,
            GeminiConfig gemini, MeterRegistry registry, CpuPool cpu, String publicUrl) {
        return switch (name) {
            case LocalProvider.NAME -> local.get();
            case FalProvider.NAME -> {
                requireKey(fal.key().orElse(""), "fal", "FAL_KEY");
                yield new FalProvider(fal, registry, cpu, falWebhookUrl(fal.webhooks(), publicUrl));
            }
            case GeminiProvider.NAME -> {
                requireKey(gemini.key().orElse(""), "gemini", "GEMINI_API_KEY");
                yield new GeminiProvider(gemini, registry, cpu);
            }
            default -> throw new IllegalStateException(
                    "VTRY_PROVIDER=" + name + " is not a provider; use local, fal or gemini");
        };
    }

    /** Where fal calls back (the gateway's /webhooks/fal), if webhooks are on: auto means on for an https public URL. */
    static Optional<String> falWebhookUrl(String mode, String publicUrl) {
        boolean on = switch (mode) {
            case "on" -> true;
            case "off" -> false;
            case "auto" -> publicUrl.startsWith("https://");
            default -> throw new IllegalStateException("VTRY_FAL_WEBHOOKS=" + mode + " is not auto, on or off");
        };
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return on ? Optional.of(base + "/webhooks/fal") : Optional.empty();
    }

    private static void requireKey(String key, String provider, String variable) {
        if (key.isBlank()) {
            throw new IllegalStateException("VTRY_PROVIDER=" + provider + " needs the API key in " + variable
                    + ", which is empty");
        }
    }
}
