package ai.vtry.gateway.pipeline;

import ai.vtry.gateway.limit.RateLimitResponses;
import ai.vtry.gateway.limit.RateLimiter;
import ai.vtry.gateway.limit.Verdict;
import ai.vtry.gateway.http.ErrorResponses;
import io.vertx.ext.web.RoutingContext;

/**
 * Why the pipeline stops a request, as the failure of its admission: each step either passes the
 * request on or fails with one of these, and the pipeline answers it in one place. The RateLimit
 * headers of the decision that stopped it are on the response already.
 */
sealed abstract class Refusal extends RuntimeException permits Refusal.Limited, Refusal.Unauthenticated {

    Refusal() {
        super(null, null, false, false); // a verdict, not an error: no stack trace to fill
    }

    abstract void answer(RoutingContext ctx, RateLimiter limiter);

    /** 429: a limit of the address or the account. */
    static final class Limited extends Refusal {
        private final Verdict verdict;

        Limited(Verdict verdict) {
            this.verdict = verdict;
        }

        @Override
        void answer(RoutingContext ctx, RateLimiter limiter) {
            RateLimitResponses.reject(ctx, verdict, limiter.windowMillis(), limiter.concurrencyRetryAfterMillis());
        }
    }

    /** 401: no key, or not a valid one. */
    static final class Unauthenticated extends Refusal {
        private final String code;
        private final String message;

        Unauthenticated(String code, String message) {
            this.code = code;
            this.message = message;
        }

        @Override
        void answer(RoutingContext ctx, RateLimiter limiter) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ErrorResponses.send(ctx, 401, code, message);
        }
    }
}
