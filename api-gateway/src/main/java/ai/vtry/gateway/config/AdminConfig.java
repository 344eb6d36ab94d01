package ai.vtry.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.admin")
public interface AdminConfig {

    /** Shared secret of the admin API (VTRY_ADMIN_TOKEN); without one the admin API does not exist. */
    Optional<String> token();

    /** The admin API's own port (VTRY_ADMIN_PORT); never routed by the Ingress nor published by compose. */
    @WithDefault("8090")
    int port();

    /** Where the admin port listens: all interfaces of the pod or container, which only its network reaches. */
    @WithDefault("0.0.0.0")
    String host();

    /** Wrong tokens an address may send within {@link #guessWindow()} before it waits. */
    @WithDefault("10")
    int maxGuesses();

    @WithDefault("PT1M")
    Duration guessWindow();
}
