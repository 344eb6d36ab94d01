package ai.vtry.common.testsupport;

import java.util.Map;

import org.testcontainers.postgresql.PostgreSQLContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real PostgreSQL for a service's @QuarkusTest. Init arg {@code database}: the service's own database.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private PostgreSQLContainer container;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "vtry");
    }

    @Override
    public Map<String, String> start() {
        String host = Infra.external("PG_HOST");
        if (host != null) {
            return config(host, Infra.external("PG_PORT"), Infra.external("PG_USER"), Infra.external("PG_PASSWORD"));
        }
        Infra.requireDocker("PostgreSQL", "VTRY_TEST_PG_HOST");
        container = new PostgreSQLContainer("postgres:15-alpine").withDatabaseName(database);
        container.start();
        return config(container.getHost(), String.valueOf(container.getMappedPort(5432)), container.getUsername(),
                container.getPassword());
    }

    private Map<String, String> config(String host, String port, String user, String password) {
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
