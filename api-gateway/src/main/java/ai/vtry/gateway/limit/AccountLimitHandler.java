package ai.vtry.gateway.limit;

import ai.vtry.gateway.auth.ApiKeyAuthHandler;
import ai.vtry.gateway.auth.Principal;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-account limit of an authenticated request's category (its plan's), and for POST
 * /api/v1/generations a generation slot, taken in the same round trip as the rate admission: so no
 * number of simultaneous requests gets past the concurrency limit. The slot is taken under a
 * provisional name; {@link GenerationSlot} renames it after the job id the upstream answers with.
 * For a known key the decision was taken already, with the address's limits ({@link ClientLimitHandler}).
 */
@ApplicationScoped
public class AccountLimitHandler implements Handler<RoutingContext> {

    /** Set once the account's limit admitted the request together with its address's. */
    private static final String DECIDED = "vtry.accountLimitDecided";

    private final RateLimiter limiter;

    public AccountLimitHandler(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.get(DECIDED) != null) {
            ctx.next();
            return;
        }
        HttpServerRequest in = ctx.request();
        String path = ctx.normalizedPath();
        boolean takeSlot = Category.takesGenerationSlot(in.method(), path);
        limiter.admitAccount(Principal.of(ctx), Category.of(in.method(), path), takeSlot)
                .onComplete(result -> apply(ctx, result, takeSlot));
    }

    /** A known key's request: its address's limits, then its account's, in one round trip. */
    void admitWithClient(RoutingContext ctx, String client, Principal principal) {
        HttpServerRequest in = ctx.request();
        String path = ctx.normalizedPath();
        boolean takeSlot = Category.takesGenerationSlot(in.method(), path);
        limiter.admitClientAndAccount(client, principal, Category.of(in.method(), path), takeSlot)
                .onComplete(result -> {
                    if (result.succeeded() && !result.result().verdict().window().category().perClient()) {
                        // The address admitted it: from here on it is the key's request, as after a lookup.
                        ApiKeyAuthHandler.authenticated(ctx, principal);
                        ctx.put(DECIDED, Boolean.TRUE);
                    }
                    apply(ctx, result, takeSlot);
                });
    }

    private void apply(RoutingContext ctx, AsyncResult<RateLimiter.Decision> result, boolean takeSlot) {
        if (result.failed()) {
            ctx.fail(result.cause());
            return;
        }
        RateLimiter.Decision decision = result.result();
        RateLimitResponses.putHeaders(ctx, decision.verdict());
        if (!decision.verdict().admitted()) {
            RateLimitResponses.reject(ctx, decision.verdict(), limiter.windowMillis(),
                    limiter.concurrencyRetryAfterMillis());
            return;
        }
        if (takeSlot) {
            GenerationSlot.attach(ctx, limiter, decision);
        }
        ctx.next();
    }
}
