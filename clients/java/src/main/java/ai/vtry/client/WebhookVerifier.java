package ai.vtry.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ai.vtry.client.WebhookVerificationException.Reason;

/**
 * Checks that a request your server received is a webhook Vtry sent, as the Standard Webhooks
 * specification says: {@code webhook-signature} holds, among its space-separated entries, a
 * {@code v1,<base64 HMAC-SHA256>} of {@code <webhook-id>.<webhook-timestamp>.<body>} made with the
 * endpoint's secret, and {@code webhook-timestamp} is within {@link #TOLERANCE} of now (so a captured
 * request cannot be replayed later). Needs nothing but the JDK, not even a {@link Vtry} client; it is
 * thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("VTRY_WEBHOOK_SECRET")); // whsec_...
 * // in the handler, with the body's bytes exactly as they came:
 * verifier.verify(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
 *         request.getHeader("webhook-signature"), body);   // else WebhookVerificationException: answer 400
 * }</pre>
 *
 * The same message may arrive more than once (a retry, a redelivery): {@code webhook-id} stays the same, so
 * skip the ids already handled. After {@link Webhooks#rotateSecret(String)} each delivery carries one
 * signature per secret for 24 hours: a verifier of either secret accepts it.
 */
public final class WebhookVerifier {

    /** The message's id: the same on every attempt of one event. */
    public static final String ID_HEADER = "webhook-id";
    /** When the attempt was signed, in seconds since the epoch. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The signatures: {@code v1,<base64>} entries separated by spaces. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far {@code webhook-timestamp} may be from the receiver's clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION_PREFIX = "v1,";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * @param secret the endpoint's secret as {@link ai.vtry.client.model.Webhook#secret()} or
     *        {@link ai.vtry.client.model.WebhookSecret#secret()} gave it: {@code whsec_} and base64, or the
     *        base64 alone
     * @throws IllegalArgumentException if it is not one
     */
    public WebhookVerifier(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("No webhook secret: give the whsec_... of the endpoint");
        }
        String encoded = secret.strip();
        if (encoded.startsWith(SECRET_PREFIX)) {
            encoded = encoded.substring(SECRET_PREFIX.length());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // without the cause: its message quotes a character of the secret
            throw new IllegalArgumentException("Not a webhook secret: expected whsec_ followed by base64");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("Not a webhook secret: its key is empty");
        }
        this.key = new SecretKeySpec(bytes, HMAC);
    }

    /**
     * Whether the request is a webhook signed with this secret whose timestamp is within
     * {@link #TOLERANCE} of now; {@link #verify(String, String, String, byte[])} says why not.
     *
     * @param body the request's body, byte for byte as received (not parsed and written again)
     */
    public boolean isValid(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        return isValid(webhookId, webhookTimestamp, webhookSignature, body, Instant.now());
    }

    /** {@link #isValid(String, String, String, byte[])} with the given time as now. */
    public boolean isValid(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body,
            Instant now) {
        try {
            verify(webhookId, webhookTimestamp, webhookSignature, body, now);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }

    /**
     * Checks the request is a webhook signed with this secret whose timestamp is within {@link #TOLERANCE}
     * of now.
     *
     * @param body the request's body, byte for byte as received (not parsed and written again)
     * @throws WebhookVerificationException saying why it is not: a header missing, the timestamp invalid or
     *         stale, or no signature matching
     */
    public void verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        verify(webhookId, webhookTimestamp, webhookSignature, body, Instant.now());
    }

    /** {@link #verify(String, String, String, byte[])} with the given time as now. */
    public void verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body, Instant now) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(now, "now");
        required(ID_HEADER, webhookId);
        required(TIMESTAMP_HEADER, webhookTimestamp);
        required(SIGNATURE_HEADER, webhookSignature);
        long timestamp;
        try {
            timestamp = Long.parseLong(webhookTimestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(Reason.INVALID_TIMESTAMP,
                    "webhook-timestamp is not a whole number of seconds since the epoch");
        }
        long nowSeconds = now.getEpochSecond();
        long tolerance = TOLERANCE.toSeconds();
        if (timestamp < nowSeconds - tolerance) {
            throw new WebhookVerificationException(Reason.STALE_TIMESTAMP, "webhook-timestamp is "
                    + (nowSeconds - timestamp) + " s old, more than the " + tolerance + " s allowed: a replay, or a clock far off");
        }
        if (timestamp > nowSeconds + tolerance) {
            throw new WebhookVerificationException(Reason.STALE_TIMESTAMP, "webhook-timestamp is "
                    + (timestamp - nowSeconds) + " s ahead of this clock, more than the " + tolerance + " s allowed");
        }
        byte[] expected = signature(webhookId, timestamp, body);
        boolean matched = false;
        for (String entry : webhookSignature.split(" ")) {
            if (entry.startsWith(VERSION_PREFIX)) {
                byte[] sent = entry.substring(VERSION_PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
                matched |= MessageDigest.isEqual(expected, sent); // constant time; every entry is looked at
            }
        }
        if (!matched) {
            throw new WebhookVerificationException(Reason.NO_MATCHING_SIGNATURE, "No v1 entry of webhook-signature is"
                    + " the signature of this message with this secret: forged or altered, a body not exactly as"
                    + " received, or another secret");
        }
    }

    /** The base64 HMAC-SHA256 of {@code id.timestamp.body}, as ASCII. */
    private byte[] signature(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encode(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void required(String header, String value) {
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException(Reason.MISSING_HEADER, "No " + header + " header: not a webhook");
        }
    }
}
