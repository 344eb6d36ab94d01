package ai.vtry.gateway.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.proxy")
public interface ProxyConfig {

    /** How long an upstream may stay silent once the request is sent (first byte, then between bytes). */
    @WithDefault("PT75S")
    Duration timeout();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** Larger request bodies (by Content-Length) are refused before anything is forwarded. */
    @WithDefault("40M")
    MemorySize maxBodySize();

    /**
     * Connections kept per upstream service and event loop (each loop has its own client, see
     * EventLoopLocal); Vert.x's default of 5 would queue a busy gateway.
     */
    @WithDefault("100")
    int maxConnectionsPerService();
}
