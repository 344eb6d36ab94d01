package ai.vtry.gateway.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.RedisTestResource;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/** The Lua scripts on the test Redis, time passed in as their "now". */
class RedisLimitStoreTest extends LimitStoreContract {

    private static final RedisTestResource REDIS = new RedisTestResource();
    private static Vertx vertx;
    private static Redis redis;
    private static RedisLimitStore store;

    @BeforeAll
    static void connect() {
        Map<String, String> config = REDIS.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, config.get("quarkus.redis.hosts"));
        store = new RedisLimitStore(redis, vertx, Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        redis.close();
        await(vertx.close());
        REDIS.stop();
    }

    @Override
    LimitStore store() {
        return store;
    }

    @Test
    void scriptsRunAgainAfterRedisForgotThem() {
        String key = key(Category.READ);
        assertTrue(hit(key, 2, T0).admitted());
        await(redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")));
        // EVALSHA answers NOSCRIPT now; the store falls back to EVAL, which caches the script again.
        Verdict verdict = hit(key, 2, T0 + 1);
        assertTrue(verdict.admitted());
        assertEquals(0, verdict.window().remaining());
        assertEquals(1, await(redis.send(Request.cmd(Command.SCRIPT).arg("EXISTS")
                .arg(RedisLimitStore.Script.load("limit/admit.lua").sha1()))).get(0).toInteger());
    }

    @Test
    void keysExpireWithTheirWindow() {
        String key = key(Category.WRITE);
        hit(key, 5, T0);
        long ttl = await(redis.send(Request.cmd(Command.PTTL).arg(key))).toLong();
        assertTrue(ttl > 0 && ttl <= WINDOW, "PTTL " + ttl);
    }
}
