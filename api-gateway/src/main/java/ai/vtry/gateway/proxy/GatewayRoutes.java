package ai.vtry.gateway.proxy;

import ai.vtry.gateway.auth.ApiKeyAuthHandler;
import ai.vtry.gateway.limit.AccountLimitHandler;
import ai.vtry.gateway.limit.ClientLimitHandler;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The public API's pipeline: request id, a canonical path ({@link CanonicalPaths}), the client
 * address's limits, API key, the account's limits, then forward (or on to Quarkus REST for {@code
 * /api/v1/me}). Ordered before Quarkus' own security (-200) and body-size (-2) routes: the gateway
 * authenticates by itself and streams bodies instead of buffering them. For a key in the
 * key cache the client-limit step decides the account's limits too, in the same Redis round trip,
 * and the key and account steps pass the request on.
 */
@ApplicationScoped
public class GatewayRoutes {

    static final String API = "/api/v1/*";
    static final int ORDER = -1_000;

    private final ClientLimitHandler clientLimits;
    private final ApiKeyAuthHandler authentication;
    private final AccountLimitHandler accountLimits;
    private final Forwarder forwarder;

    public GatewayRoutes(ClientLimitHandler clientLimits, ApiKeyAuthHandler authentication,
            AccountLimitHandler accountLimits, Forwarder forwarder) {
        this.clientLimits = clientLimits;
        this.authentication = authentication;
        this.accountLimits = accountLimits;
        this.forwarder = forwarder;
    }

    void init(@Observes Router router) {
        router.route(API).order(ORDER).handler(RequestIds::assign);
        router.route(API).order(ORDER + 1).handler(CanonicalPaths::check);
        router.route(API).order(ORDER + 2).handler(clientLimits);
        router.route(API).order(ORDER + 3).handler(authentication);
        router.route(API).order(ORDER + 4).handler(accountLimits);
        router.route(API).order(ORDER + 5).handler(forwarder);
    }
}
