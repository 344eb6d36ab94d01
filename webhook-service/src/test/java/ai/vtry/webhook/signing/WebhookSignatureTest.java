package ai.vtry.webhook.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Standard Webhooks signing, checked against the specification's own example and the receiver's checks. */
class WebhookSignatureTest {

    @Test
    void theSpecificationsExampleSignsAsTheSpecificationSays() {
        // standard-webhooks/spec: secret, id, timestamp, body and signature of its test vector
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String header = WebhookSignature.header(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    @Test
    void aReceiverAcceptsItsSignatureAndRejectsAForgedOrStaleOne() {
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.parse("2026-12-08T10:00:00Z");
        long at = now.getEpochSecond();
        String body = "{\"type\":\"job.completed\"}";
        String header = WebhookSignature.header(List.of(secret), "evt_1", at, body);

        assertTrue(WebhookSignature.verify(secret, "evt_1", Long.toString(at), body, header, now));
        assertFalse(WebhookSignature.verify(secret, "evt_1", Long.toString(at), body + " ", header, now), "body changed");
        assertFalse(WebhookSignature.verify(secret, "evt_2", Long.toString(at), body, header, now), "another id");
        assertFalse(WebhookSignature.verify(WebhookSignature.newSecret(), "evt_1", Long.toString(at), body, header, now),
                "another secret (a forger's)");
        assertFalse(WebhookSignature.verify(secret, "evt_1", Long.toString(at + 1), body, header, now),
                "the timestamp was changed after signing");
        Instant sixMinutesLater = now.plusSeconds(360);
        assertFalse(WebhookSignature.verify(secret, "evt_1", Long.toString(at), body, header, sixMinutesLater),
                "a stale timestamp (a replay)");
        assertFalse(WebhookSignature.verify(secret, "evt_1", "yesterday", body, header, now));
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() {
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();
        Instant now = Instant.now();
        String header = WebhookSignature.header(List.of(current, previous), "evt_9", now.getEpochSecond(), "{}");
        assertEquals(2, header.split(" ").length, header);
        assertTrue(WebhookSignature.verify(current, "evt_9", Long.toString(now.getEpochSecond()), "{}", header, now));
        assertTrue(WebhookSignature.verify(previous, "evt_9", Long.toString(now.getEpochSecond()), "{}", header, now));
    }
}
