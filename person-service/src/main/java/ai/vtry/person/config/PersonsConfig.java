package ai.vtry.person.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.persons")
public interface PersonsConfig {

    /** The largest reference image accepted, uploaded or fetched (10 MB). */
    @WithDefault("10485760")
    long maxImageBytes();
}
