package ai.vtry.gateway.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.vertx.core.tracing.TracingPolicy;
import io.vertx.redis.client.RedisOptions;

/** The limiter's Redis clients connect as configured and trace their commands only while tracing is on. */
class LimiterRedisOptionsTest {

    private final RedisOptions configured = new RedisOptions().setConnectionString("redis://redis.example:6380")
            .setMaxPoolSize(64).setTracingPolicy(TracingPolicy.PROPAGATE);

    @Test
    void withTracingOffTheirCommandsMakeNoSpans() {
        RedisOptions options = RateLimiter.limiterOptions(configured, false);
        assertEquals(TracingPolicy.IGNORE, options.getTracingPolicy());
        assertEquals("redis://redis.example:6380", options.getEndpoint());
        assertEquals(64, options.getMaxPoolSize());
        assertEquals(TracingPolicy.PROPAGATE, configured.getTracingPolicy(), "the configured options are left alone");
    }

    @Test
    void withTracingOnTheyAreTracedAsConfigured() {
        assertEquals(TracingPolicy.PROPAGATE, RateLimiter.limiterOptions(configured, true).getTracingPolicy());
    }
}
