package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 400: the request is wrong ({@code validationFailed} with {@link #fieldErrors()}, {@code
 * invalidJson}, {@code compositeRequired}, ...); fix it before sending it again.
 */
public class BadRequestException extends ApiException {

    public BadRequestException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
