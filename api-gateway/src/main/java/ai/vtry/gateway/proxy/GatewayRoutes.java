package ai.vtry.gateway.proxy;

import ai.vtry.gateway.auth.ApiKeyAuthHandler;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The public API's pipeline: request id, API key, then forward (or on to Quarkus REST for
 * {@code /api/v1/me}). Ordered before Quarkus' own security (-200) and body-size (-2) routes: the
 * gateway authenticates by itself and streams bodies instead of buffering them.
 */
@ApplicationScoped
public class GatewayRoutes {

    static final String API = "/api/v1/*";
    static final int ORDER = -1_000;

    private final ApiKeyAuthHandler authentication;
    private final Forwarder forwarder;

    public GatewayRoutes(ApiKeyAuthHandler authentication, Forwarder forwarder) {
        this.authentication = authentication;
        this.forwarder = forwarder;
    }

    void init(@Observes Router router) {
        router.route(API).order(ORDER).handler(RequestIds::assign);
        router.route(API).order(ORDER + 1).handler(authentication);
        router.route(API).order(ORDER + 2).handler(forwarder);
    }
}
