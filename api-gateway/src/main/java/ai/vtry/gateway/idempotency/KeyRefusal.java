package ai.vtry.gateway.idempotency;

import ai.vtry.gateway.http.ErrorResponses;
import ai.vtry.gateway.http.RequestBodies;
import io.vertx.ext.web.RoutingContext;

/** Why a request with an Idempotency-Key is not run: the key is used otherwise, busy, or cannot be checked. */
public final class KeyRefusal extends RuntimeException {

    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    private KeyRefusal(int status, String code, String message, int retryAfterSeconds) {
        super(message, null, false, false); // a verdict, not an error: no stack trace to fill
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static KeyRefusal reused() {
        return new KeyRefusal(422, "idempotencyKeyReused",
                "This Idempotency-Key was used with a different request (method, path or body); use a new key", 0);
    }

    static KeyRefusal inUse() {
        return new KeyRefusal(409, "idempotencyKeyInUse",
                "A request with this Idempotency-Key is still running; retry once it is answered", 1);
    }

    static KeyRefusal unavailable() {
        return new KeyRefusal(503, "idempotencyUnavailable",
                "The Idempotency-Key could not be checked; retry with the same key", 1);
    }

    /** The same limit and answer as the forwarder's: a repeat's body is read by the gateway itself. */
    static KeyRefusal tooLarge(long maxBodyBytes) {
        return new KeyRefusal(413, "payloadTooLarge", RequestBodies.tooLargeMessage(maxBodyBytes), 0);
    }

    public void answer(RoutingContext ctx) {
        if (retryAfterSeconds > 0) {
            ctx.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        ErrorResponses.send(ctx, status, code, getMessage());
    }
}
