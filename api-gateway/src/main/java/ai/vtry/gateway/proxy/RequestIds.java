package ai.vtry.gateway.proxy;

import java.util.UUID;
import java.util.regex.Pattern;

import ai.vtry.common.logging.LogContext;
import io.vertx.ext.web.RoutingContext;

/**
 * Every API response carries an X-Request-Id: the caller's if it sent a sane one, else a new UUID.
 * The request's log lines carry it too ({@code requestId} in the MDC).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String CONTEXT_KEY = "vtry.requestId";
    // Ids end up in logs and upstream headers: keep them short and printable.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    static void assign(RoutingContext ctx) {
        String id = ctx.request().getHeader(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        ctx.put(CONTEXT_KEY, id);
        LogContext.put(LogContext.REQUEST_ID, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    public static String of(RoutingContext ctx) {
        return ctx.get(CONTEXT_KEY);
    }

    private RequestIds() {
    }
}
