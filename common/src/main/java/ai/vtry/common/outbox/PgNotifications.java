package ai.vtry.common.outbox;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * LISTEN connections to the service's own database, for Postgres notifications (the outbox's
 * wake-ups, job-service's job_changed): a dedicated connection each, reconnecting every second.
 */
@ApplicationScoped
public class PgNotifications {

    private final Vertx vertx;
    private final PgConnectOptions options;

    public PgNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String datasourceUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String datasourceUser,
            @ConfigProperty(name = "quarkus.datasource.password") String datasourcePassword) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(datasourceUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(datasourceUser)
                .setPassword(datasourcePassword);
    }

    /** A new subscriber, not connected yet: add its channels, then connect it. */
    public PgSubscriber subscriber() {
        return PgSubscriber.subscriber(vertx, new PgConnectOptions(options)).reconnectPolicy(attempt -> 1_000L);
    }
}
