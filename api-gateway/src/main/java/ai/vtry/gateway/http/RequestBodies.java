package ai.vtry.gateway.http;

import java.util.Locale;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/** What a request's head says about its body, before any of it is read. */
public final class RequestBodies {

    /** The declared body size, or -1 if the request does not declare one. */
    public static long declaredLength(HttpServerRequest in) {
        String length = in.getHeader("Content-Length");
        // Netty has already rejected a malformed Content-Length with 400.
        return length == null ? -1 : Long.parseLong(length.trim());
    }

    /** True if a body follows the request head: declared by Content-Length or chunked (HTTP/2: unknown). */
    public static boolean hasBody(HttpServerRequest in) {
        long length = declaredLength(in);
        if (length >= 0) {
            return length > 0;
        }
        String encoding = in.getHeader("Transfer-Encoding");
        return (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked"))
                || (in.version() == HttpVersion.HTTP_2 && !in.isEnded());
    }

    /** The message of a 413 payloadTooLarge: the same wherever the gateway refuses a body for its size. */
    public static String tooLargeMessage(long maxBodyBytes) {
        return "The request body is larger than " + maxBodyBytes / (1024 * 1024) + " MB";
    }

    private RequestBodies() {
    }
}
