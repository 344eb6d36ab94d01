package ai.vtry.gateway.limit;

import ai.vtry.gateway.http.ExchangeListener;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Follows a generation slot through its request's upstream exchange: a 2xx answer names the job
 * ({@code requestId}) and the slot is renamed after it, before the client sees the answer, so the
 * job's job-completed event frees it; a refusal frees it at once. Without an answer the job may or
 * may not exist: the slot stays, and expires unless the request never reached the upstream.
 */
public final class GenerationSlot implements ExchangeListener {

    private final RateLimiter limiter;
    private final RateLimiter.Decision decision;
    private final String requestId;

    public GenerationSlot(RateLimiter limiter, RateLimiter.Decision decision, String requestId) {
        this.limiter = limiter;
        this.decision = decision;
        this.requestId = requestId;
    }

    /** A 2xx answer: the slot belongs to the job it names from now on; any other: it is free again. */
    @Override
    public Future<Void> answered(int status, MultiMap headers, Buffer body) {
        if (status < 200 || status >= 300) {
            limiter.free(decision);
            return Future.succeededFuture();
        }
        String jobId = jobId(body);
        if (jobId == null) {
            Log.warnf("POST /api/v1/generations [%s] was accepted without a requestId: its slot expires by itself",
                    requestId);
            return Future.succeededFuture();
        }
        return limiter.bind(decision, jobId);
    }

    /** No answer: if the request never reached the upstream there is no job, else the slot expires by itself. */
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
