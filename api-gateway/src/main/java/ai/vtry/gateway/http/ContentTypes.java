package ai.vtry.gateway.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/**
 * A request's Content-Type must be a media type (RFC 9110: {@code type/subtype} with {@code ;
 * name=value} parameters), and a multipart one must carry a boundary of 1-70 allowed characters
 * (RFC 2046). The services' form parser fails on anything else in ways that were answered as 500s
 * (found by FuzzIT), so the gateway refuses it first with 400 {@code invalidContentType}.
 */
public final class ContentTypes {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]++";
    private static final String QUOTED = "\"(?:[^\"\\\\]|\\\\.)*+\"";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "\\s*+" + TOKEN + "/" + TOKEN + "\\s*+(?:;\\s*+" + TOKEN + "\\s*+=\\s*+(?:" + TOKEN + "|" + QUOTED + ")\\s*+)*+;?\\s*+");
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*+boundary\\s*+=\\s*+(" + QUOTED + "|" + TOKEN + ")");
    private static final Pattern BOUNDARY_CHARS = Pattern.compile("[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]");

    /** True if the request has no Content-Type or a valid one; anything else is answered here with 400. */
    public static boolean accept(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String problem = problem(type);
        if (problem == null) {
            return true;
        }
        ErrorResponses.send(ctx, 400, "invalidContentType", problem);
        return false;
    }

    /** Why {@code type} is refused, or null if it is absent or valid. */
    static String problem(String type) {
        if (type == null) {
            return null;
        }
        if (type.length() > 1024 || !MEDIA_TYPE.matcher(type).matches()) {
            return "The Content-Type header is not a valid media type";
        }
        if (type.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            Matcher boundary = BOUNDARY.matcher(type);
            String value = boundary.find() ? unquote(boundary.group(1)) : null;
            if (value == null || !BOUNDARY_CHARS.matcher(value).matches()) {
                return "A multipart Content-Type needs a boundary of 1 to 70 letters, digits or '()+_,-./:=? (RFC 2046)";
            }
        }
        return null;
    }

    private static String unquote(String value) {
        return value.startsWith("\"") ? value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1") : value;
    }

    private ContentTypes() {
    }
}
