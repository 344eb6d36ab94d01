package ai.vtry.gateway.limit;

import ai.vtry.gateway.proxy.ClientAddresses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The first limit, per client address and before the key is looked at: preauth counts every
 * /api/v1 request, and an address past its failed authentications waits even with a valid key.
 * One Redis round trip checks both.
 */
@ApplicationScoped
public class ClientLimitHandler implements Handler<RoutingContext> {

    private final RateLimiter limiter;
    private final ClientAddresses clients;

    public ClientLimitHandler(RateLimiter limiter, ClientAddresses clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Hold the body while Redis decides; the forwarder resumes it, a refusal never reads it.
        ctx.request().pause();
        limiter.admitClient(clients.of(ctx)).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            Verdict verdict = result.result().verdict();
            RateLimitResponses.putHeaders(ctx, verdict);
            if (verdict.admitted()) {
                ctx.next();
            } else {
                RateLimitResponses.reject(ctx, verdict, limiter.windowMillis(), limiter.concurrencyRetryAfterMillis());
            }
        });
    }
}
