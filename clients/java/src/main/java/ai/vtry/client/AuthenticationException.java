package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 401: no valid API key ({@code missingApiKey}, {@code invalidApiKey}).
 */
public class AuthenticationException extends ApiException {

    public AuthenticationException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
