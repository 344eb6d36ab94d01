package ai.vtry.gateway.config;

import io.smallrye.config.ConfigMapping;

/** Base URLs of the services the gateway forwards to (VTRY_PERSON_URL and friends). */
@ConfigMapping(prefix = "vtry.services")
public interface ServicesConfig {

    String person();

    String clothes();

    String job();

    String generation();

    String webhook();
}
