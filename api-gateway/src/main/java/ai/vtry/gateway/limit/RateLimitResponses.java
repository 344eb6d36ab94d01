package ai.vtry.gateway.limit;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.vtry.gateway.http.ErrorResponses;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The RateLimit headers every API response carries, and the 429 answers. */
public final class RateLimitResponses {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";

    /**
     * Describes the window that applied. A later decision on the same request overwrites them: the
     * headers name the last category the request was counted or refused in.
     */
    public static void putHeaders(RoutingContext ctx, Verdict verdict) {
        Verdict.Window window = verdict.window();
        HttpServerResponse response = ctx.response();
        response.putHeader(LIMIT, Integer.toString(window.limit()));
        response.putHeader(REMAINING, Integer.toString(window.remaining()));
        response.putHeader(RESET, Long.toString(ceilSeconds(window.resetMillis())));
    }

    /** 429 rateLimited or concurrencyLimited, with Retry-After; the headers must be put already. */
    public static void reject(RoutingContext ctx, Verdict verdict, long windowMillis, long concurrencyRetryAfterMillis) {
        Map<String, Object> details = new LinkedHashMap<>();
        String code;
        String message;
        long retryAfter;
        if (verdict.outcome() == Verdict.Outcome.CONCURRENCY_LIMITED) {
            retryAfter = Math.max(1, ceilSeconds(concurrencyRetryAfterMillis));
            code = "concurrencyLimited";
            message = "At most " + verdict.slotLimit() + " generations can run at once per account;"
                    + " retry once one of them has finished";
            details.put("category", "generation-concurrency");
            details.put("limit", verdict.slotLimit());
        } else {
            Verdict.Window window = verdict.window();
            retryAfter = Math.max(1, ceilSeconds(window.resetMillis()));
            code = "rateLimited";
            message = "Rate limit exceeded: at most " + window.limit() + " " + window.category().wireName()
                    + " requests per " + ceilSeconds(windowMillis) + " s; retry in " + retryAfter + " s";
            details.put("category", window.category().wireName());
            details.put("limit", window.limit());
        }
        details.put("retryAfterSeconds", retryAfter);
        ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
        ErrorResponses.send(ctx, 429, code, message, details);
    }

    static long ceilSeconds(long millis) {
        return (Math.max(0, millis) + 999) / 1000;
    }

    private RateLimitResponses() {
    }
}
