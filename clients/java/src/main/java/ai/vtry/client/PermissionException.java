package ai.vtry.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP 403: the plan does not allow it ({@code planRequired}), or a signed link was altered or expired
 * ({@code invalidSignature}).
 */
public class PermissionException extends ApiException {

    public PermissionException(int status, String code, String message, Map<String, Object> details,
            String requestId, Duration retryAfter) {
        super(status, code, message, details, requestId, retryAfter);
    }
}
