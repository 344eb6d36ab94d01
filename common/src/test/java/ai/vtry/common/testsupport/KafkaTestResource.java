package ai.vtry.common.testsupport;

import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real Kafka broker for a service's @QuarkusTest. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaContainer container;

    @Override
    public Map<String, String> start() {
        String bootstrap = Infra.external("KAFKA_BOOTSTRAP");
        if (bootstrap == null) {
            Infra.requireDocker("Kafka", "VTRY_TEST_KAFKA_BOOTSTRAP");
            // The local stack creates topics from deploy/local/topics.txt; a throwaway broker may create them.
            container = new KafkaContainer("apache/kafka:4.1.0").withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
            container.start();
            bootstrap = container.getBootstrapServers();
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
