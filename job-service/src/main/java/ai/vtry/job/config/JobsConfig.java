package ai.vtry.job.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.jobs")
public interface JobsConfig {

    /** How long a job may take from creation; past it the job fails with code {@code timeout}. */
    @WithDefault("PT10M")
    Duration deadline();
}
