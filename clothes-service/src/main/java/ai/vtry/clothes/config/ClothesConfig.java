package ai.vtry.clothes.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.clothes")
public interface ClothesConfig {

    /** The largest clothes image accepted, uploaded or fetched (10 MB). */
    @WithDefault("10485760")
    long maxImageBytes();

    /** The longest extra instruction for an extraction. */
    @WithDefault("1000")
    int maxPromptLength();

    /** How long source-images may spend probing pictures whose markup gives no size. */
    @WithDefault("PT3S")
    Duration probeTimeout();
}
