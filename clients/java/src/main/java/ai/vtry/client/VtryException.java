package ai.vtry.client;

/**
 * Every failure of the Vtry client: an error answer of the API ({@link ApiException} and its subclasses),
 * a gateway that cannot be reached ({@link ConnectionException}) or a job that did not end in time
 * ({@link JobTimeoutException}).
 */
public class VtryException extends RuntimeException {

    public VtryException(String message) {
        super(message);
    }

    public VtryException(String message, Throwable cause) {
        super(message, cause);
    }
}
