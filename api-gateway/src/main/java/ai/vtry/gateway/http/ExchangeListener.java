package ai.vtry.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Learns how the upstream exchange of a request went, before the client does: given to the
 * forwarder by whoever needs to know (the API pipeline: a generation's slot, an Idempotency-Key's
 * record). Only requests with small JSON answers get a listener: their answer is buffered for it.
 */
public interface ExchangeListener {

    /** A chunk of the request body, as it goes upstream. */
    default void requestChunk(Buffer chunk) {
    }

    /** The whole request body went upstream (at once for a request without one). */
    default void requestEnded() {
    }

    /** The upstream answered; the client gets the answer once the returned future completes. */
    Future<Void> answered(int status, MultiMap headers, Buffer body);

    /** No answer. {@code sent} is false if the request never reached the upstream. */
    void unanswered(boolean sent);

    /** One listener that tells {@code first}, then {@code second}; either may be null. */
    static ExchangeListener both(ExchangeListener first, ExchangeListener second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return new ExchangeListener() {
            @Override
            public void requestChunk(Buffer chunk) {
                first.requestChunk(chunk);
                second.requestChunk(chunk);
            }

            @Override
            public void requestEnded() {
                first.requestEnded();
                second.requestEnded();
            }

            @Override
            public Future<Void> answered(int status, MultiMap headers, Buffer body) {
                return first.answered(status, headers, body).compose(v -> second.answered(status, headers, body));
            }

            @Override
            public void unanswered(boolean sent) {
                first.unanswered(sent);
                second.unanswered(sent);
            }
        };
    }
}
