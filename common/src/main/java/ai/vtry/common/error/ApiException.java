package ai.vtry.common.error;

import java.util.List;
import java.util.Map;

/**
 * An error with a place in the public contract: an HTTP status, a stable camelCase code,
 * a message for people and machine-readable details. Thrown anywhere, rendered by {@link ErrorMappers}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public ErrorBody body() {
        return ErrorBody.of(code, getMessage(), details);
    }

    /** 404 for a resource that does not exist in the caller's workspace (another workspace's too). */
    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "notFound", what + " " + id + " was not found", Map.of("id", id));
    }

    /** 400 with {@code details.fields}: one entry per offending field, each a list of messages. */
    public static ApiException validation(Map<String, List<String>> fields) {
        return new ApiException(400, "validationFailed", "Request validation failed", Map.of("fields", fields));
    }

    public static ApiException validation(String field, String message) {
        return validation(Map.of(field, List.of(message)));
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }

    public static ApiException badGateway(String code, String message) {
        return new ApiException(502, code, message);
    }
}
