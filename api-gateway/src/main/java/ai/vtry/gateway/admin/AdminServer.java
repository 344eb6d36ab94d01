package ai.vtry.gateway.admin;

import java.util.concurrent.TimeUnit;

import ai.vtry.gateway.config.AdminConfig;
import ai.vtry.gateway.http.ErrorResponses;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The admin API has a port of its own ({@code VTRY_ADMIN_PORT}, 8090): the Ingress routes only the
 * public port and compose.yaml publishes only that, so /admin cannot be reached from outside at all,
 * token or not. The second server hands its requests to the same router (so /admin stays the plain
 * JAX-RS {@link AdminResource}), and a first route keeps the two apart: /admin answers only on the
 * admin port, and the admin port answers nothing else.
 */
@ApplicationScoped
public class AdminServer {

    private volatile int port = -1;

    void start(@Observes Router router, Vertx vertx, AdminConfig config) throws Exception {
        router.route().order(Integer.MIN_VALUE).handler(this::separate);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router);
        port = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        Log.infof("Admin API listening on %s:%d", config.host(), port);
    }

    /** The port the admin API listens on (chosen by the system when configured as 0, as in tests). */
    public int port() {
        return port;
    }

    private void separate(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean adminPath = path.equals("/admin") || path.startsWith("/admin/");
        boolean adminPort = ctx.request().localAddress() != null && ctx.request().localAddress().port() == port;
        if (adminPath == adminPort) {
            ctx.next();
        } else {
            ErrorResponses.send(ctx, 404, "notFound", "No such endpoint or resource");
        }
    }
}
