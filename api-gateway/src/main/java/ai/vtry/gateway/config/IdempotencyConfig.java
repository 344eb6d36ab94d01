package ai.vtry.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vtry.idempotency")
public interface IdempotencyConfig {

    /** How long a key's answer is kept and replayed; after that the key is free again. */
    @WithDefault("PT24H")
    Duration retention();

    /**
     * How long a repeat waits for the first request with its key to be answered before it gets 409
     * idempotencyKeyInUse: long enough for a POST to be answered (they queue work, they do not do it).
     */
    @WithDefault("PT5S")
    Duration inUseWait();

    /**
     * How long a key stays claimed by a request that is not answered yet, or whose outcome nobody
     * knows (sent whole, never answered): the bound on a gateway that dies mid-request holding it.
     * Longer than an upload plus the proxy's timeout.
     */
    @WithDefault("PT10M")
    Duration claimTtl();

    /** Each Redis call; a key that cannot be checked is answered 503, never ignored. */
    @WithDefault("PT1S")
    Duration redisTimeout();
}
