package ai.vtry.common.testsupport;

import java.util.Map;

import org.testcontainers.containers.GenericContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real Redis for the gateway's @QuarkusTest. */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private GenericContainer<?> container;

    @Override
    public Map<String, String> start() {
        String url = Infra.external("REDIS_URL");
        if (url == null) {
            Infra.requireDocker("Redis", "VTRY_TEST_REDIS_URL");
            container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            url = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        return Map.of("quarkus.redis.hosts", url);
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
