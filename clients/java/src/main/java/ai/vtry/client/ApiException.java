package ai.vtry.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An error answer of the API, as its one error body says it:
 * {@code {"error":{"code":"validationFailed","message":"...","details":{"fields":{...}}}}}. Branch on
 * {@link #code()} (stable camelCase) or on the subclass; the message is for people.
 */
public class ApiException extends VtryException {

    private final int status;
    private final String code;
    private final String errorMessage;
    private final Map<String, Object> details;
    private final String requestId;
    private final Duration retryAfter;

    /**
     * @param details the error's {@code details}, empty when none
     * @param requestId the answer's {@code X-Request-Id}, or null
     * @param retryAfter how long the API asked to wait before trying again, or null
     */
    public ApiException(int status, String code, String errorMessage, Map<String, Object> details, String requestId,
            Duration retryAfter) {
        super("HTTP " + status + " " + code + ": " + errorMessage
                + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = status;
        this.code = code;
        this.errorMessage = errorMessage;
        this.details = Map.copyOf(details);
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    /** The exception class of an error answer: one per status the API documents, else this class. */
    static ApiException of(int status, String code, String message, Map<String, Object> details, String requestId,
            Duration retryAfter) {
        return switch (status) {
            case 400 -> new BadRequestException(status, code, message, details, requestId, retryAfter);
            case 401 -> new AuthenticationException(status, code, message, details, requestId, retryAfter);
            case 403 -> new PermissionException(status, code, message, details, requestId, retryAfter);
            case 404 -> new NotFoundException(status, code, message, details, requestId, retryAfter);
            case 409 -> new ConflictException(status, code, message, details, requestId, retryAfter);
            case 422 -> new UnprocessableException(status, code, message, details, requestId, retryAfter);
            case 429 -> new RateLimitException(status, code, message, details, requestId, retryAfter);
            default -> status >= 500
                    ? new ServerException(status, code, message, details, requestId, retryAfter)
                    : new ApiException(status, code, message, details, requestId, retryAfter);
        };
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The stable, machine-readable code, e.g. {@code validationFailed}, {@code notFound}, {@code rateLimited}. */
    public String code() {
        return code;
    }

    /** The API's explanation for people; its wording may change. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The error's {@code details}: what it holds depends on the code; empty when none. */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * A {@code validationFailed} error's {@code details.fields}: each wrong field and its messages; empty
     * for other errors.
     */
    @SuppressWarnings("unchecked")
    public Map<String, List<String>> fieldErrors() {
        Object fields = details.get("fields");
        return fields instanceof Map ? (Map<String, List<String>>) fields : Map.of();
    }

    /** The {@code X-Request-Id} of the answer: quote it when reporting a problem. Null if the answer had none. */
    public String requestId() {
        return requestId;
    }

    /**
     * How long the API asked to wait ({@code Retry-After}, or {@code RateLimit-Reset} on a 429 without
     * it), if it did.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
