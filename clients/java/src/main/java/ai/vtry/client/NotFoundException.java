package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 404: no such endpoint, or no such resource in the workspace ({@code notFound}).
 */
public class NotFoundException extends ApiException {

    public NotFoundException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
