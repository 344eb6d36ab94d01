package ai.vtry.generation.worker;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How workers treat providers: retries of transient failures, and how often they poll queued work. */
@ConfigMapping(prefix = "vtry.worker")
public interface WorkerConfig {

    /** Provider attempts per job for transient failures (429, 5xx, call timeouts); noImage is retried once. */
    @WithDefault("3")
    int maxAttempts();

    /** First wait before a retry; doubled per attempt up to {@link #backoffMax()}, with jitter. */
    @WithDefault("PT1S")
    Duration backoffInitial();

    @WithDefault("PT30S")
    Duration backoffMax();

    /** How often a queued remote request is polled. */
    @WithDefault("PT2S")
    Duration pollInterval();
}
