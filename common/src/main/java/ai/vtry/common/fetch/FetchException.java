package ai.vtry.common.fetch;

import java.util.Map;

import ai.vtry.common.error.ApiException;

/** Why a URL import failed, already in the API's words. */
public class FetchException extends ApiException {

    public FetchException(int status, String code, String message, String field) {
        super(status, code, message, field == null ? Map.of() : Map.of("field", field));
    }

    /** The URL is malformed, not http(s), or points somewhere imports may not go: 400. */
    static FetchException notAllowed(String message) {
        return new FetchException(400, "urlNotAllowed", message, null);
    }

    /** The source could not be reached or answered with an error: 502. */
    static FetchException unreachable(String message) {
        return new FetchException(502, "sourceUnreachable", message, null);
    }

    static FetchException tooLarge(long maxBytes) {
        return new FetchException(400, "sourceTooLarge", "The source is larger than the limit of " + maxBytes + " bytes", null);
    }
}
