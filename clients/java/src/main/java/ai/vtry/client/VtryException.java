package ai.vtry.client;

/**
 * Every failure of the Vtry client: an error answer of the API ({@link ApiException} and its subclasses),
 * a gateway that cannot be reached ({@link ConnectionException}), a job that did not end in time
 * ({@link JobTimeoutException}), or a received webhook whose signature does not check out
 * ({@link WebhookVerificationException}).
 */
public class VtryException extends RuntimeException {

    public VtryException(String message) {
        super(message);
    }

    public VtryException(String message, Throwable cause) {
        super(message, cause);
    }
}
