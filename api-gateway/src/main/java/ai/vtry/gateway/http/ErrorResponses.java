package ai.vtry.gateway.http;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.error.ErrorBody;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** The API's one error body, written by the gateway's own Vert.x handlers (outside Quarkus REST). */
public final class ErrorResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void send(RoutingContext ctx, int status, String code, String message) {
        send(ctx, status, code, message, Map.of());
    }

    public static void send(RoutingContext ctx, int status, String code, String message, Map<String, Object> details) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Too late for a status: cut the connection so the client sees a broken body, not a short one.
            response.reset();
            return;
        }
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            if (request.version() == HttpVersion.HTTP_2) {
                request.resume(); // the stream ends with the response, the connection stays
            } else if (RequestBodies.hasBody(request)) {
                // Never read an upload we refuse: answer, then close the connection.
                response.putHeader("Connection", "close");
                response.endHandler(v -> request.connection().close());
            } else {
                request.resume();
            }
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(json(ErrorBody.of(code, message, details)));
    }

    private static String json(ErrorBody body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ErrorBody is always serializable", e);
        }
    }

    private ErrorResponses() {
    }
}
