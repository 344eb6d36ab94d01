package ai.vtry.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import ai.vtry.client.WebhookVerificationException.Reason;

class WebhookVerifierTest {

    // The test vector of the Standard Webhooks specification (and of its reference libraries).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "another endpoint's key, 32 bytes".getBytes(StandardCharsets.US_ASCII));

    /** A v1 entry made here with the JDK alone, independently of the verifier. */
    private static String sign(String secret, String id, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static Reason refusal(WebhookVerifier verifier, String id, String timestamp, String signature, byte[] body,
            Instant now) {
        return assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(id, timestamp, signature, body, now)).reason();
    }

    @Test
    void theSpecificationsTestVectorIsValidWithOrWithoutThePrefix() throws Exception {
        assertEquals(SIGNATURE, sign(SECRET, ID, TIMESTAMP, BODY), "the test's own signer agrees with the specification");

        assertTrue(new WebhookVerifier(SECRET).isValid(ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT));
        assertTrue(new WebhookVerifier(SECRET.substring("whsec_".length())).isValid(ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT));
        assertDoesNotThrow(() -> new WebhookVerifier(SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT));
    }

    @Test
    void aTimestampUpToFiveMinutesAwayEitherWayPassesAndBeyondItIsStale() {
        WebhookVerifier verifier = new WebhookVerifier(SECRET);

        assertTrue(verifier.isValid(ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT.plusSeconds(300)));
        assertTrue(verifier.isValid(ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT.minusSeconds(300)));
        assertFalse(verifier.isValid(ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT.plusSeconds(301)));
        assertEquals(Reason.STALE_TIMESTAMP, refusal(verifier, ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT.plusSeconds(301)));
        assertEquals(Reason.STALE_TIMESTAMP, refusal(verifier, ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT.minusSeconds(301)));
        // Without a time given, the clock's: the vector is years old.
        assertFalse(verifier.isValid(ID, TIMESTAMP, SIGNATURE, BODY));
        WebhookVerificationException old = assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(ID, TIMESTAMP, SIGNATURE, BODY));
        assertEquals(Reason.STALE_TIMESTAMP, old.reason());
        assertTrue(old.getMessage().contains(" s old"), old.getMessage());
    }

    @Test
    void aMessageSignedNowIsValidByTheClock() throws Exception {
        String now = Long.toString(Instant.now().getEpochSecond());

        assertTrue(new WebhookVerifier(SECRET).isValid(ID, now, sign(SECRET, ID, now, BODY), BODY));
    }

    @Test
    void anyChangeToTheBodyIdOrTimestampOrAnotherSecretMatchesNoSignature() throws Exception {
        WebhookVerifier verifier = new WebhookVerifier(SECRET);
        byte[] altered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        byte[] reformatted = "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8);
        String later = Long.toString(SIGNED_AT.getEpochSecond() + 1);

        assertEquals(Reason.NO_MATCHING_SIGNATURE, refusal(verifier, ID, TIMESTAMP, SIGNATURE, altered, SIGNED_AT));
        assertEquals(Reason.NO_MATCHING_SIGNATURE, refusal(verifier, ID, TIMESTAMP, SIGNATURE, reformatted, SIGNED_AT));
        assertEquals(Reason.NO_MATCHING_SIGNATURE, refusal(verifier, "msg_other", TIMESTAMP, SIGNATURE, BODY, SIGNED_AT));
        assertEquals(Reason.NO_MATCHING_SIGNATURE, refusal(verifier, ID, later, SIGNATURE, BODY, SIGNED_AT));
        assertEquals(Reason.NO_MATCHING_SIGNATURE,
                refusal(verifier, ID, TIMESTAMP, sign(OTHER_SECRET, ID, TIMESTAMP, BODY), BODY, SIGNED_AT));
        assertFalse(new WebhookVerifier(OTHER_SECRET).isValid(ID, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT));
    }

    @Test
    void onlyAWholeV1EntryCounts() {
        WebhookVerifier verifier = new WebhookVerifier(SECRET);
        String digest = SIGNATURE.substring("v1,".length());

        assertFalse(verifier.isValid(ID, TIMESTAMP, digest, BODY, SIGNED_AT), "no version");
        assertFalse(verifier.isValid(ID, TIMESTAMP, "v2," + digest, BODY, SIGNED_AT), "another version");
        assertFalse(verifier.isValid(ID, TIMESTAMP, "v1a," + digest, BODY, SIGNED_AT), "the asymmetric scheme");
        assertFalse(verifier.isValid(ID, TIMESTAMP, SIGNATURE.substring(0, SIGNATURE.length() - 1), BODY, SIGNED_AT),
                "a prefix of the signature");
        assertFalse(verifier.isValid(ID, TIMESTAMP, "v1,", BODY, SIGNED_AT));
    }

    @Test
    void duringARotationEitherSecretFindsItsOwnEntryAmongSeveral() throws Exception {
        String fresh = sign(OTHER_SECRET, ID, TIMESTAMP, BODY);
        String both = fresh + " " + SIGNATURE;

        assertTrue(new WebhookVerifier(SECRET).isValid(ID, TIMESTAMP, both, BODY, SIGNED_AT), "the previous secret");
        assertTrue(new WebhookVerifier(OTHER_SECRET).isValid(ID, TIMESTAMP, both, BODY, SIGNED_AT), "the new secret");
        assertTrue(new WebhookVerifier(SECRET).isValid(ID, TIMESTAMP, "v1a,bm9wZQ== v2,x " + SIGNATURE + " v1,bm9wZQ==",
                BODY, SIGNED_AT), "other entries around it are ignored");
        String third = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        assertEquals(Reason.NO_MATCHING_SIGNATURE, refusal(new WebhookVerifier(third), ID, TIMESTAMP, both, BODY, SIGNED_AT));
    }

    @Test
    void aMissingHeaderOrATimestampThatIsNoNumberIsNamed() {
        WebhookVerifier verifier = new WebhookVerifier(SECRET);

        WebhookVerificationException noId = assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(null, TIMESTAMP, SIGNATURE, BODY, SIGNED_AT));
        assertEquals(Reason.MISSING_HEADER, noId.reason());
        assertTrue(noId.getMessage().contains("webhook-id"), noId.getMessage());
        assertEquals(Reason.MISSING_HEADER, refusal(verifier, ID, " ", SIGNATURE, BODY, SIGNED_AT));
        WebhookVerificationException noSignature = assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(ID, TIMESTAMP, null, BODY, SIGNED_AT));
        assertTrue(noSignature.getMessage().contains("webhook-signature"), noSignature.getMessage());
        assertEquals(Reason.INVALID_TIMESTAMP, refusal(verifier, ID, "2021-02-25T15:02:10Z", SIGNATURE, BODY, SIGNED_AT));
        assertEquals(Reason.INVALID_TIMESTAMP, refusal(verifier, ID, "1614265330.5", SIGNATURE, BODY, SIGNED_AT));
        assertFalse(verifier.isValid(ID, TIMESTAMP, "", BODY, SIGNED_AT));
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedWithoutBeingQuoted() {
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> new WebhookVerifier("whsec_not*base64!"));
        assertFalse(notBase64.getMessage().contains("not*base64"), notBase64.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier("whsec_"));
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier(" "));
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier(null));
    }
}
