package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 422: a URL you gave answered 4xx ({@code sourceUnreachable}), or an {@code Idempotency-Key} was
 * reused for another request ({@code idempotencyKeyReused}).
 */
public class UnprocessableException extends ApiException {

    public UnprocessableException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
