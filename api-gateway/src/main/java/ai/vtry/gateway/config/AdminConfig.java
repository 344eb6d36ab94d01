package ai.vtry.gateway.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "vtry.admin")
public interface AdminConfig {

    /** Shared secret of the admin API (VTRY_ADMIN_TOKEN); without one the admin API does not exist. */
    Optional<String> token();
}
