package ai.vtry.gateway.limit;

import ai.vtry.gateway.auth.Principal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-account limit of an authenticated request's category (its plan's), and for POST
 * /api/v1/generations a generation slot, taken in the same round trip as the rate admission: so no
 * number of simultaneous requests gets past the concurrency limit. The slot is taken under a
 * provisional name; {@link GenerationSlot} renames it after the job id the upstream answers with.
 */
@ApplicationScoped
public class AccountLimitHandler implements Handler<RoutingContext> {

    private final RateLimiter limiter;

    public AccountLimitHandler(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        String path = ctx.normalizedPath();
        boolean takeSlot = Category.takesGenerationSlot(in.method(), path);
        limiter.admitAccount(Principal.of(ctx), Category.of(in.method(), path), takeSlot).onComplete(result -> {
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
        });
    }
}
