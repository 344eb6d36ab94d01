package ai.vtry.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Learns how the upstream exchange of a request ended, before the client does: given to
 * the forwarder by whoever needs to know (the API pipeline, for a generation's slot).
 */
public interface ExchangeListener {

    /** A 2xx answer. Its body is buffered for this call; the client gets it once the future completes. */
    Future<Void> accepted(Buffer body);

    /** Any other status: the upstream refused the request. */
    void refused(int status);

    /** No answer. {@code sent} is false if the request never reached the upstream. */
    void unanswered(boolean sent);
}
