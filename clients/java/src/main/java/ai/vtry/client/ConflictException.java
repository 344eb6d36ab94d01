package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 409: the name is taken ({@code personExists}), the job is final already ({@code jobFinished}), or a
 * request with the same {@code Idempotency-Key} is still running ({@code idempotencyKeyInUse}).
 */
public class ConflictException extends ApiException {

    public ConflictException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
