package ai.vtry.gateway.limit;

import ai.vtry.gateway.auth.ApiKeyAuthHandler;
import ai.vtry.gateway.auth.ApiKeyAuthenticator;
import ai.vtry.gateway.auth.Principal;
import ai.vtry.gateway.proxy.ClientAddresses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The first limit, per client address and before the key is looked at: preauth counts every
 * /api/v1 request. (Failed authentications refuse only further failures, in {@code ApiKeyAuthHandler}:
 * a valid key is never locked out by its address.)
 *
 * <p>A key this instance has just looked up (its one-second key cache) needs no database call, so
 * its account is known already: then the address's limits and the account's are decided in the
 * same round trip ({@link RateLimiter#admitClientAndAccount}), in the same order and with the same
 * outcome as two decisions, and the authentication and account-limit steps have nothing left to
 * do. Each Redis round trip costs the gateway CPU, and under load most requests come with a known
 * key. Any other key (unknown to the cache, invalid, missing) is decided as before: the address
 * first, so preauth is counted before the key is looked up and a failure counts as failed-auth.
 */
@ApplicationScoped
public class ClientLimitHandler implements Handler<RoutingContext> {

    private final RateLimiter limiter;
    private final ClientAddresses clients;
    private final ApiKeyAuthenticator authenticator;
    private final AccountLimitHandler accountLimits;

    public ClientLimitHandler(RateLimiter limiter, ClientAddresses clients, ApiKeyAuthenticator authenticator,
            AccountLimitHandler accountLimits) {
        this.limiter = limiter;
        this.clients = clients;
        this.authenticator = authenticator;
        this.accountLimits = accountLimits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Hold the body while Redis decides; the forwarder resumes it, a refusal never reads it.
        ctx.request().pause();
        String client = clients.of(ctx);
        Principal known = limiter.decidesInOneRoundTrip()
                ? authenticator.cached(ApiKeyAuthHandler.presentedKey(ctx.request()))
                : null;
        if (known != null) {
            accountLimits.admitWithClient(ctx, client, known);
            return;
        }
        limiter.admitClient(client).onComplete(result -> {
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
