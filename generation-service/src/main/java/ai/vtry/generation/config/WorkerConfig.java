package ai.vtry.generation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How workers run jobs: how many at once, on how many CPU threads, and how they treat providers
 * (retries of transient failures, how often they poll queued work). docs/operations.md, "Jobs: workers,
 * retries, deadlines".
 */
@ConfigMapping(prefix = "vtry.worker")
public interface WorkerConfig {

    /**
     * Jobs this instance runs at once, all request topics together (VTRY_WORKER_MAX_IN_FLIGHT). A job
     * waiting on a provider holds a slot but no thread; at the limit the consumers stop taking records.
     */
    @WithDefault("256")
    int maxInFlight();

    /** Threads for image work (renders, decoding, transcoding); 0 means one per core (VTRY_WORKER_CPU_THREADS). */
    @WithDefault("0")
    int cpuThreads();

    /**
     * Requests at the provider at once, all instances together (VTRY_PROVIDER_MAX_CONCURRENT): the
     * key's concurrency. 0: no cap.
     */
    @WithDefault("0")
    int providerMaxConcurrent();

    /** Submissions to the provider per second, all instances together (VTRY_PROVIDER_MAX_PER_SECOND). 0: no cap. */
    @WithDefault("0")
    int providerMaxPerSecond();

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

    /** How often a request is polled anyway when its provider calls back (fal webhooks): the safety net. */
    @WithDefault("PT30S")
    Duration callbackPollInterval();
}
