package ai.vtry.common.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The shape check for a URL a client hands us to fetch, made before any request is validated further. */
public final class HttpUrls {

    /** Whether {@code value} is an absolute http or https URL with a host (any case of the scheme). */
    public static boolean isAbsoluteHttp(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private HttpUrls() {
    }
}
