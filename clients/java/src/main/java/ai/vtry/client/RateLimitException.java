package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 429: a rate limit ({@code rateLimited}) or the generation concurrency ({@code concurrencyLimited})
 * was reached; {@link #retryAfter()} says how long to wait. The client retries these by itself first.
 */
public class RateLimitException extends ApiException {

    public RateLimitException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
