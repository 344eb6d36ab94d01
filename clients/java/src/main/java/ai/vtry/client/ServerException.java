package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 5xx: a fault of Vtry or of a service or source behind it; 502, 503 and 504 are worth retrying later
 * (the client retries them by itself first).
 */
public class ServerException extends ApiException {

    public ServerException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
