package ai.vtry.webhook.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.webhooks")
public interface WebhooksConfig {

    /**
     * The waits before each retry of a delivery: a first attempt and then one retry per entry (about
     * 27 hours in all by default). Each wait varies by up to a tenth, so retries spread out.
     */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retrySchedule();

    /** How long one attempt may take; any 2xx within it is a success. */
    @WithDefault("PT10S")
    Duration timeout();

    /** An endpoint whose every attempt failed for this long is disabled. */
    @WithDefault("P5D")
    Duration disableAfter();

    /** After a rotation, how long the previous secret keeps signing beside the new one. */
    @WithDefault("PT24H")
    Duration secretOverlap();

    /**
     * How long a claimed attempt belongs to the replica that claimed it: one that dies meanwhile
     * (kill -9) leaves it to another once this passes. Longer than {@link #timeout()}.
     */
    @WithDefault("PT1M")
    Duration claimLease();

    /** How often each replica looks for due attempts (read by its @Scheduled expression). */
    @WithDefault("1s")
    String pollInterval();

    /** Attempts claimed per look. */
    @WithDefault("20")
    int batch();

    /** How long a finished delivery (delivered or failed) stays in the log. */
    @WithDefault("P30D")
    Duration keepFinished();

    /** Endpoints a workspace may have. */
    @WithDefault("20")
    int maxEndpoints();
}
