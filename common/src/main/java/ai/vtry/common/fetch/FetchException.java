package ai.vtry.common.fetch;

import java.util.Map;

import ai.vtry.common.error.ApiException;

/** Why a URL import failed, already in the API's words. */
public class FetchException extends ApiException {

    private FetchException(int status, String code, String message, Map<String, Object> details) {
        super(status, code, message, details);
    }

    /** The URL is malformed, not http(s), or points somewhere imports may not go: 400. */
    static FetchException notAllowed(String message) {
        return new FetchException(400, "urlNotAllowed", message, Map.of());
    }

    /**
     * The source answered with an error status. 4xx (404, 410, 403, ...) says the URL the client gave
     * is wrong: 422, the client's to fix. 5xx is the source failing: 502, worth a retry later.
     */
    static FetchException answered(int status) {
        return new FetchException(status >= 400 && status < 500 ? 422 : 502, "sourceUnreachable",
                "The source answered HTTP " + status, Map.of("upstreamStatus", status));
    }

    /** The source could not be reached or did not answer in time: 502. */
    static FetchException unreachable(String message) {
        return new FetchException(502, "sourceUnreachable", message, Map.of());
    }

    static FetchException tooLarge(long maxBytes) {
        return new FetchException(400, "sourceTooLarge", "The source is larger than the limit of " + maxBytes + " bytes", Map.of());
    }
}
