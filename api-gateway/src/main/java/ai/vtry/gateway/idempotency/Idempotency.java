package ai.vtry.gateway.idempotency;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ai.vtry.gateway.config.IdempotencyConfig;
import ai.vtry.gateway.config.ProxyConfig;
import ai.vtry.gateway.http.ExchangeListener;
import ai.vtry.gateway.http.RequestBodies;
import ai.vtry.gateway.http.RequestIds;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The pipeline's idempotency step (Stripe's semantics). The first POST or DELETE with a key claims it
 * and runs; its answer is kept for {@code retention} unless it is a 5xx or never came (the client may
 * retry those). A repeat with the same key in the same workspace:
 * <ul>
 * <li>the same request (method, path, body): gets the kept answer again, with
 * {@code Idempotent-Replayed: true}, and nothing runs;</li>
 * <li>a different request: 422 {@code idempotencyKeyReused};</li>
 * <li>while the first is not answered: waits up to {@code in-use-wait} for it, then 409
 * {@code idempotencyKeyInUse} with Retry-After.</li>
 * </ul>
 * The body is fingerprinted as it streams (to the service for the first, into the digest for a
 * repeat), never held. A key that cannot be checked (Redis down) is answered 503: running the request
 * anyway would break the promise the client asked for.
 */
@ApplicationScoped
public class Idempotency {

    /** The answer's headers a replay repeats; the rest belong to the original exchange. */
    private static final Set<String> KEPT_HEADERS = Set.of("content-type", "location");
    /** Larger answers are not kept (none of the API's POST or DELETE answers comes close). */
    private static final int MAX_KEPT_BODY = 256 * 1024;
    private static final long FIRST_POLL_MILLIS = 25;
    private static final long MAX_POLL_MILLIS = 250;

    private final IdempotencyStore store;
    private final Vertx vertx;
    private final IdempotencyConfig config;
    private final long maxBodyBytes;

    Idempotency(IdempotencyStore store, Vertx vertx, IdempotencyConfig config, ProxyConfig proxy) {
        this.store = store;
        this.vertx = vertx;
        this.config = config;
        this.maxBodyBytes = proxy.maxBodySize().asLongValue();
    }

    /**
     * Decides a request that carries {@code key} (well-formed, see {@link IdempotencyKeys}). Completes
     * with the listener to forward it with (it keeps the answer), or with null once a kept answer has
     * been replayed; fails with a {@link KeyRefusal}. The request's body is still paused.
     */
    public Future<ExchangeListener> begin(RoutingContext ctx, String workspaceId, String key) {
        String redisKey = IdempotencyStore.redisKey(workspaceId, key);
        long deadline = System.nanoTime() + config.inUseWait().toNanos();
        return attempt(ctx, redisKey, deadline, FIRST_POLL_MILLIS);
    }

    private Future<ExchangeListener> attempt(RoutingContext ctx, String redisKey, long deadline, long pollMillis) {
        return unavailableOnFailure(store.claim(redisKey)).compose(held -> {
            if (held == null) {
                return Future.succeededFuture(new Recorder(redisKey, new Fingerprint(ctx.request()), RequestIds.of(ctx)));
            }
            if (held.answered()) {
                return replayOrRefuse(ctx, held);
            }
            if (System.nanoTime() >= deadline) {
                return Future.failedFuture(KeyRefusal.inUse());
            }
            // The first request is still running: look again soon (its body, and ours, wait meanwhile).
            return after(pollMillis).compose(v -> attempt(ctx, redisKey, deadline, Math.min(pollMillis * 2, MAX_POLL_MILLIS)));
        });
    }

    /** Reads this repeat's body into its fingerprint; the same request gets the kept answer. */
    private Future<ExchangeListener> replayOrRefuse(RoutingContext ctx, KeyRecord kept) {
        return fingerprintBody(ctx).compose(fingerprint -> {
            if (!fingerprint.equals(kept.fingerprint())) {
                return Future.failedFuture(KeyRefusal.reused());
            }
            HttpServerResponse response = ctx.response().setStatusCode(kept.status());
            kept.headers().forEach(response::putHeader);
            response.putHeader("Idempotent-Replayed", "true").end(kept.body());
            return Future.succeededFuture(null);
        });
    }

    private Future<String> fingerprintBody(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        Fingerprint fingerprint = new Fingerprint(in);
        if (!RequestBodies.hasBody(in)) {
            in.resume();
            return Future.succeededFuture(fingerprint.finish());
        }
        if (RequestBodies.declaredLength(in) > maxBodyBytes) {
            return Future.failedFuture(KeyRefusal.tooLarge(maxBodyBytes));
        }
        Promise<String> read = Promise.promise();
        long[] size = {0};
        in.handler(chunk -> {
            size[0] += chunk.length();
            if (size[0] > maxBodyBytes) {
                in.pause();
                read.tryFail(KeyRefusal.tooLarge(maxBodyBytes));
                return;
            }
            fingerprint.update(chunk);
        });
        in.endHandler(v -> read.tryComplete(fingerprint.finish()));
        in.exceptionHandler(read::tryFail);
        if ("100-continue".equalsIgnoreCase(in.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        in.resume();
        return read.future();
    }

    private Future<Void> after(long millis) {
        Promise<Void> done = Promise.promise();
        vertx.setTimer(millis, t -> done.complete());
        return done.future();
    }

    private static <T> Future<T> unavailableOnFailure(Future<T> call) {
        return call.recover(e -> {
            Log.warnf("Idempotency-Key store unavailable: %s", e.toString());
            return Future.failedFuture(KeyRefusal.unavailable());
        });
    }

    /**
     * Follows the first request with a key through its exchange: fingerprints its body on the way
     * upstream, then keeps its answer before the client sees it (so a retry after the answer finds
     * it), or frees the key when there is nothing worth keeping.
     */
    private final class Recorder implements ExchangeListener {

        private final String redisKey;
        private final Fingerprint fingerprint;
        private final String requestId;
        private boolean bodyEnded;

        Recorder(String redisKey, Fingerprint fingerprint, String requestId) {
            this.redisKey = redisKey;
            this.fingerprint = fingerprint;
            this.requestId = requestId;
        }

        @Override
        public void requestChunk(Buffer chunk) {
            fingerprint.update(chunk);
        }

        @Override
        public void requestEnded() {
            bodyEnded = true;
        }

        @Override
        public Future<Void> answered(int status, MultiMap headers, Buffer body) {
            // A 5xx may be retried; an answer given before the whole body was read has no fingerprint.
            if (status >= 500 || !bodyEnded || body.length() > MAX_KEPT_BODY) {
                release();
                return Future.succeededFuture();
            }
            Map<String, String> kept = new LinkedHashMap<>();
            headers.forEach(header -> {
                if (KEPT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    kept.put(header.getKey(), header.getValue());
                }
            });
            return store.answer(redisKey, KeyRecord.answer(fingerprint.finish(), status, kept, body))
                    .recover(e -> {
                        // The client still gets its answer; a repeat meets the claim until it expires (409).
                        Log.warnf("Could not keep the answer of [%s] for its Idempotency-Key: %s", requestId, e.toString());
                        return Future.succeededFuture();
                    });
        }

        /**
         * No answer. A request that never went out whole did nothing: the key is free. One that did may
         * have run (the service did not answer in time): the claim stays until it expires
         * ({@code claim-ttl}), so a retry meanwhile gets 409 instead of running it a second time.
         */
        @Override
        public void unanswered(boolean sent) {
            if (!sent || !bodyEnded) {
                release();
            } else {
                Log.warnf("No answer for [%s] after it was sent: its Idempotency-Key stays claimed until it expires",
                        requestId);
            }
        }

        private void release() {
            store.release(redisKey).onFailure(e -> Log.warnf(
                    "Could not free the Idempotency-Key of [%s] (it expires with its claim): %s", requestId, e.toString()));
        }
    }
}
