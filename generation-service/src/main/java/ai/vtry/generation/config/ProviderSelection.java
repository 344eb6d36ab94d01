package ai.vtry.generation.config;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.local.LocalProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Picks the provider named by VTRY_PROVIDER; an unknown name stops start-up with a clear message. */
@ApplicationScoped
public class ProviderSelection {

    @Produces
    @ApplicationScoped
    ImageProvider provider(@ConfigProperty(name = "vtry.provider", defaultValue = "local") String name, LocalProvider local) {
        return switch (name) {
            case LocalProvider.NAME -> local;
            default -> throw new IllegalStateException("VTRY_PROVIDER=" + name + " is not available; use local");
        };
    }
}
