package ai.vtry.gateway.auth;

import io.vertx.core.http.HttpServerRequest;

/** The API key a request presents: {@code Authorization: Bearer <key>} or {@code x-api-key: <key>}. */
public final class PresentedKey {

    /** The Bearer credential if there is an Authorization header, else x-api-key; null if neither. */
    public static String of(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            if (space > 0 && authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
                return authorization.substring(space + 1).trim();
            }
            if (request.getHeader("x-api-key") == null) {
                return authorization; // another scheme: not a key we accept, rejected as invalid
            }
        }
        String header = request.getHeader("x-api-key");
        return header == null ? null : header.trim();
    }

    private PresentedKey() {
    }
}
