package ai.vtry.gateway.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "vtry.gateway")
public interface GatewayConfig {

    /**
     * Load balancers and proxies (CIDRs or addresses) whose X-Forwarded-For is believed. From any
     * other peer the header is ignored and the socket address is the client.
     */
    Optional<List<String>> trustedProxies();
}
