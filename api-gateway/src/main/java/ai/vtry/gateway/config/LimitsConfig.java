package ai.vtry.gateway.config;

import java.time.Duration;

import ai.vtry.gateway.account.Plan;
import io.smallrye.config.ConfigMapping;

/**
 * Rate limits ({@code vtry.limits.<plan>.<category>} per account, {@code vtry.limits.ip.*} per
 * client address or IPv6 /64), the generation concurrency limit and how the limiter talks to Redis.
 */
@ConfigMapping(prefix = "vtry.limits")
public interface LimitsConfig {

    /** The sliding window every rate limit counts over. */
    Duration window();

    PlanLimits free();

    PlanLimits pro();

    PlanLimits ultra();

    IpLimits ip();

    /** How long a generation slot lives without its job completing (a crashed worker, a lost event). */
    Duration generationSlotTtl();

    /** Retry-After of a concurrencyLimited answer: no one knows when a running job ends. */
    Duration concurrencyRetryAfter();

    /** A Redis decision slower than this is taken by the in-memory limiter instead. */
    Duration redisTimeout();

    /** After a Redis failure the in-memory limiter decides alone this long before Redis is tried again. */
    Duration redisRetryInterval();

    /** Per-account limits of one plan, requests per window. */
    interface PlanLimits {
        int read();

        int write();

        int generate();

        int sourceImages();

        /** Generation jobs (POST /api/v1/generations) an account may have running at once. */
        int concurrentGenerations();
    }

    /** Per client address (an IPv6 client per /64), requests per window. */
    interface IpLimits {
        /** Every /api/v1 request, counted before its key is looked at. */
        int preauth();

        /** Failed authentications; past this a wrong or missing key waits (429), a valid one never does. */
        int failedAuth();
    }

    default PlanLimits of(Plan plan) {
        return switch (plan) {
            case FREE -> free();
            case PRO -> pro();
            case ULTRA -> ultra();
        };
    }
}
