package ai.vtry.job.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.jobs")
public interface JobsConfig {

    /** How long a job may take from creation; past it the job fails with code {@code timeout}. */
    @WithDefault("PT10M")
    Duration deadline();

    /**
     * How long past its deadline an unfinished job waits before the sweeper fails it: the worker
     * times its own jobs out at the deadline and its report is the better one.
     */
    @WithDefault("PT1M")
    Duration sweepGrace();

    /** How often the sweeper looks for overdue jobs (read by its @Scheduled expression). */
    @WithDefault("30s")
    String sweepInterval();

    /** At most this many overdue jobs are failed per sweep (one transaction). */
    @WithDefault("200")
    int sweepBatch();
}
