package ai.vtry.gateway.limit;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Singleton;

/**
 * Keeps the options Quarkus builds for its default Redis client ({@code quarkus.redis.*}: hosts,
 * password, TLS, pool sizes), so that the limiter's clients, one per event loop, connect exactly
 * as it does. Quarkus calls this last, just before it creates that client.
 */
@Singleton
public class RedisOptionsCapture implements RedisOptionsCustomizer {

    private static final String DEFAULT_CLIENT = "<default>";

    private volatile RedisOptions options;

    @Override
    public void customize(String clientName, RedisOptions options) {
        if (DEFAULT_CLIENT.equals(clientName)) {
            this.options = options;
        }
    }

    /** A copy of the default client's options; null if Quarkus has not built that client. */
    RedisOptions copy() {
        RedisOptions captured = options;
        return captured == null ? null : new RedisOptions(captured);
    }
}
