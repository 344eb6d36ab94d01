package ai.vtry.client;

/** The gateway could not be reached, or the connection broke, also after the retries the call allowed. */
public class ConnectionException extends VtryException {

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
