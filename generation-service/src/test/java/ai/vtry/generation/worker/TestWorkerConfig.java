package ai.vtry.generation.worker;

import java.time.Duration;

import ai.vtry.generation.config.WorkerConfig;

/** WorkerConfig without Quarkus, for the worker's unit tests. */
record TestWorkerConfig(int maxInFlight, int cpuThreads, int providerMaxConcurrent, int providerMaxPerSecond,
        int maxAttempts, Duration backoffInitial, Duration backoffMax, Duration pollInterval, Duration callbackPollInterval)
        implements WorkerConfig {

    /** Short waits, so retries and polls take milliseconds. */
    static TestWorkerConfig fast(int maxAttempts, Duration backoffInitial, Duration backoffMax, Duration pollInterval) {
        return new TestWorkerConfig(256, 2, 0, 0, maxAttempts, backoffInitial, backoffMax, pollInterval, pollInterval);
    }
}
