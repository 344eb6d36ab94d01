package ai.vtry.gateway.idempotency;

import java.util.List;

import ai.vtry.gateway.http.ErrorResponses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** The Idempotency-Key header: which requests it applies to, and its form. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    /** The request's key if it is a POST or DELETE that carries one (GET and HEAD are safe by themselves), else null. */
    public static String of(HttpServerRequest in) {
        return appliesTo(in.method()) ? in.getHeader(HEADER) : null;
    }

    /**
     * False, and the request answered 400 {@code invalidIdempotencyKey}, if it carries a key that is
     * not 1-255 printable ASCII characters, or more than one. Checked before anything is counted.
     */
    public static boolean accept(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        if (!appliesTo(in.method())) {
            return true;
        }
        List<String> keys = in.headers().getAll(HEADER);
        if (keys.isEmpty() || keys.size() == 1 && isWellFormed(keys.get(0))) {
            return true;
        }
        ErrorResponses.send(ctx, 400, "invalidIdempotencyKey",
                "Idempotency-Key must be one header of 1-" + MAX_LENGTH + " printable ASCII characters");
        return false;
    }

    static boolean isWellFormed(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean appliesTo(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.DELETE;
    }

    private IdempotencyKeys() {
    }
}
