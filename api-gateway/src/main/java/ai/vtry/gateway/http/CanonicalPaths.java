package ai.vtry.gateway.http;

import java.util.Map;
import java.util.regex.Pattern;

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

    private static final Pattern CANONICAL = Pattern.compile("(/[A-Za-z0-9._~-]+)+/?");

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

    static boolean canonical(String rawPath) {
        return rawPath != null && CANONICAL.matcher(rawPath).matches();
    }

    private static String truncate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }

    private CanonicalPaths() {
    }
}
