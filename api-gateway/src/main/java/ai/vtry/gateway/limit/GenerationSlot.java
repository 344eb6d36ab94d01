package ai.vtry.gateway.limit;

import ai.vtry.gateway.proxy.ExchangeListener;
import ai.vtry.gateway.proxy.RequestIds;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Follows a generation slot through its request's upstream exchange: a 2xx answer names the job
 * ({@code requestId}) and the slot is renamed after it, before the client sees the answer, so the
 * job's job-completed event frees it; a refusal frees it at once. Without an answer the job may or
 * may not exist: the slot stays, and expires unless the request never reached the upstream.
 */
final class GenerationSlot implements ExchangeListener {

    private final RateLimiter limiter;
    private final RateLimiter.Decision decision;
    private final String requestId;

    private GenerationSlot(RateLimiter limiter, RateLimiter.Decision decision, String requestId) {
        this.limiter = limiter;
        this.decision = decision;
        this.requestId = requestId;
    }

    static void attach(RoutingContext ctx, RateLimiter limiter, RateLimiter.Decision decision) {
        ExchangeListener.put(ctx, new GenerationSlot(limiter, decision, RequestIds.of(ctx)));
    }

    @Override
    public Future<Void> accepted(Buffer body) {
        String jobId = jobId(body);
        if (jobId == null) {
            Log.warnf("POST /api/v1/generations [%s] was accepted without a requestId: its slot expires by itself",
                    requestId);
            return Future.succeededFuture();
        }
        return limiter.bind(decision, jobId);
    }

    @Override
    public void refused(int status) {
        limiter.free(decision);
    }

    @Override
    public void unanswered(boolean sent) {
        if (!sent) {
            limiter.free(decision);
        }
    }

    private static String jobId(Buffer body) {
        try {
            Object id = new JsonObject(body).getValue("requestId");
            return id instanceof String s && !s.isBlank() ? s : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }
}
