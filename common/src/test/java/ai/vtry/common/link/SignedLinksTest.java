package ai.vtry.common.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedLinksTest {

    private static final String SECRET = "test-link-secret";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TTL = Duration.ofHours(24);
    private static final long EXPIRES = NOW.getEpochSecond() + 24 * 3600;

    private final SignedLinks links = new SignedLinks("https://api.vtry.test", SECRET, TTL, CLOCK);

    @Test
    void urlHasPathExpiryAndHmacSignature() throws Exception {
        String url = links.url("people/pr_abc/photo.jpg");

        String expected = "https://api.vtry.test/files/people/pr_abc/photo.jpg?expires=" + EXPIRES
                + "&signature=" + hmac(SECRET, "people/pr_abc/photo.jpg\n" + EXPIRES);
        assertEquals(expected, url);
        assertEquals(1772452800L, EXPIRES); // 2026-03-02T12:00:00Z
    }

    @Test
    void trailingSlashOnTheBaseIsNotDoubled() {
        SignedLinks slashed = new SignedLinks("https://api.vtry.test/", SECRET, TTL, CLOCK);

        String url = slashed.url("a/b.png");

        assertTrue(url.startsWith("https://api.vtry.test/files/a/b.png?expires="), url);
        assertEquals(links.url("a/b.png"), url);
    }

    @Test
    void keySegmentsAreEncodedButSlashesKept() {
        String url = links.url("people/pr_1/my photo é+ü?#&.jpg");

        String path = url.substring(0, url.indexOf('?'));
        assertEquals("https://api.vtry.test/files/people/pr_1/my%20photo%20%C3%A9%2B%C3%BC%3F%23%26.jpg", path);
    }

    @Test
    void signatureIsOverTheRawKeyNotTheEncodedOne() throws Exception {
        String key = "people/pr_1/my photo é.jpg";

        Map<String, String> q = query(links.url(key));

        assertEquals(hmac(SECRET, key + "\n" + EXPIRES), q.get("signature"));
        assertEquals(String.valueOf(EXPIRES), q.get("expires"));
    }

    @Test
    void nullKeyGivesNullUrl() {
        assertNull(links.url(null));
    }

    @Test
    void verifyAcceptsTheIssuedSignature() {
        String key = "people/pr_abc/photo.jpg";
        Map<String, String> q = query(links.url(key));

        assertTrue(links.verify(key, Long.parseLong(q.get("expires")), q.get("signature")));
    }

    @Test
    void verifyRefusesChangedKeyExpirySignatureOrSecret() {
        String key = "people/pr_abc/photo.jpg";
        Map<String, String> q = query(links.url(key));
        long expires = Long.parseLong(q.get("expires"));
        String signature = q.get("signature");

        assertTrue(links.verify(key, expires, signature)); // control
        assertFalse(links.verify("people/pr_abd/photo.jpg", expires, signature), "changed key");
        assertFalse(links.verify(key, expires + 1, signature), "changed expiry");
        assertFalse(links.verify(key, expires - 1, signature), "earlier expiry");
        char first = signature.charAt(0);
        String tampered = (first == 'A' ? 'B' : 'A') + signature.substring(1);
        assertNotEquals(signature, tampered);
        assertFalse(links.verify(key, expires, tampered), "changed signature");
        assertFalse(links.verify(key, expires, signature.substring(1)), "truncated signature");
        assertFalse(links.verify(key, expires, ""), "empty signature");
        assertFalse(links.verify(key, expires, null), "null signature");
        assertFalse(links.verify(null, expires, signature), "null key");

        SignedLinks otherSecret = new SignedLinks("https://api.vtry.test", "another-secret", TTL, CLOCK);
        assertFalse(otherSecret.verify(key, expires, signature), "wrong secret");
        assertNotEquals(signature, query(otherSecret.url(key)).get("signature"));
    }

    @Test
    void verifyRefusesAfterExpiry() {
        String key = "people/pr_abc/photo.jpg";
        Map<String, String> q = query(links.url(key));
        long expires = Long.parseLong(q.get("expires"));
        String signature = q.get("signature");

        SignedLinks almost = new SignedLinks("https://api.vtry.test", SECRET, TTL, Clock.offset(CLOCK, TTL.minusSeconds(1)));
        SignedLinks atExpiry = new SignedLinks("https://api.vtry.test", SECRET, TTL, Clock.offset(CLOCK, TTL));
        SignedLinks after = new SignedLinks("https://api.vtry.test", SECRET, TTL, Clock.offset(CLOCK, TTL.plusSeconds(1)));
        SignedLinks muchLater = new SignedLinks("https://api.vtry.test", SECRET, TTL, Clock.offset(CLOCK, Duration.ofDays(30)));

        assertTrue(almost.verify(key, expires, signature));
        assertTrue(atExpiry.verify(key, expires, signature));
        assertFalse(after.verify(key, expires, signature));
        assertFalse(muchLater.verify(key, expires, signature));
    }

    /** What a gateway does: decode the path after /files/, read the query, verify. */
    @ParameterizedTest
    @ValueSource(strings = {"people/pr_1/photo.jpg", "a b/c+d/é.png", "plain", "a//b", "trailing/", "100%/x~y*z.png"})
    void issuedUrlRoundTripsThroughVerify(String key) {
        assertRoundTrip(key);
    }

    /** encodePath drops a leading empty segment: the link for "/x" points at "x", whose signature differs. */
    @Test
    void keyWithLeadingSlashRoundTrips() {
        assertRoundTrip("/leading/slash.png");
    }

    private void assertRoundTrip(String key) {
        String url = links.url(key);
        URI uri = URI.create(url);
        String decodedKey = uri.getPath().substring("/files/".length());
        Map<String, String> q = query(url);

        assertEquals(key, decodedKey, "the link's path does not decode to the signed key: " + url);
        assertTrue(links.verify(decodedKey, Long.parseLong(q.get("expires")), q.get("signature")));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    private static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
