package ai.vtry.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Learns how the upstream exchange of a request ended, before the client does. A handler ahead of
 * the {@link Forwarder} leaves one in the context (the generation slot does, to learn its job id).
 */
public interface ExchangeListener {

    /** A 2xx answer. Its body is buffered for this call; the client gets it once the future completes. */
    Future<Void> accepted(Buffer body);

    /** Any other status: the upstream refused the request. */
    void refused(int status);

    /** No answer. {@code sent} is false if the request never reached the upstream. */
    void unanswered(boolean sent);

    static void put(RoutingContext ctx, ExchangeListener listener) {
        ctx.put(ExchangeListener.class.getName(), listener);
    }

    static ExchangeListener of(RoutingContext ctx) {
        return ctx.get(ExchangeListener.class.getName());
    }
}
