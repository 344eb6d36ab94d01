package ai.vtry.client;

/**
 * A request that claims to be a Vtry webhook did not pass {@link WebhookVerifier#verify}: answer it with a
 * 4xx and do not act on it. {@link #reason()} says why, the message says it for people.
 */
public class WebhookVerificationException extends VtryException {

    /** Why a webhook was refused. */
    public enum Reason {
        /** {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is missing or blank. */
        MISSING_HEADER,
        /** {@code webhook-timestamp} is not a whole number of seconds since the epoch. */
        INVALID_TIMESTAMP,
        /**
         * {@code webhook-timestamp} is more than {@link WebhookVerifier#TOLERANCE} from now, either way: a
         * replayed message, or a clock that is far off.
         */
        STALE_TIMESTAMP,
        /**
         * No {@code v1} entry of {@code webhook-signature} is the signature of this id, timestamp and body
         * with the secret: a forged or altered message, a body not exactly as received, or another secret.
         */
        NO_MATCHING_SIGNATURE
    }

    private final Reason reason;

    public WebhookVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
