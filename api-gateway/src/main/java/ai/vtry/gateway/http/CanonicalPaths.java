package ai.vtry.gateway.http;

import java.util.Map;

import io.vertx.ext.web.RoutingContext;

/**
 * Only canonical API paths get in: segments of letters, digits and {@code - . _ ~}, no empty
 * segment. The services would still match {@code /api/v1/generations;a=1}, {@code
 * /api/v1/generations%2F} or {@code /api/v1/%67enerations} as a generation (RESTEasy strips matrix
 * parameters and decodes the path), while the limits classify the text they see, so such a path
 * would be counted as a plain write and take no generation slot. No id or endpoint of the API
 * needs anything else, so anything else is refused with 400 before it is counted or forwarded.
 */
public final class CanonicalPaths {

    /** True for a canonical path; anything else is answered here with 400 {@code invalidPath}. */
    public static boolean accept(RoutingContext ctx) {
        String raw = ctx.request().path(); // as sent: still percent-encoded, with any ;params
        if (canonical(raw)) {
            return true;
        }
        ErrorResponses.send(ctx, 400, "invalidPath", "The path may only hold letters, digits and - . _ ~ "
                + "between single slashes (no ;, %, \\ or //)", Map.of("path", raw == null ? "" : truncate(raw)));
        return false;
    }

    /** {@code (/[A-Za-z0-9._~-]+)+/?}, checked by a loop: this runs on every request. */
    static boolean canonical(String rawPath) {
        if (rawPath == null || rawPath.length() < 2 || rawPath.charAt(0) != '/') {
            return false;
        }
        for (int i = 1; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '/') {
                if (rawPath.charAt(i - 1) == '/') {
                    return false; // an empty segment
                }
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '~' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }

    private CanonicalPaths() {
    }
}
