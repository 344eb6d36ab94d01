package ai.vtry.gateway.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks fal's webhook signatures: Ed25519 over {@code request_id \n user_id \n timestamp \n
 * hex(sha256(body))}, hex-encoded in {@code X-Fal-Webhook-Signature}, by any of the keys fal
 * publishes as a JWKS (cached for a day, fetched again at most every 5 minutes when a signature
 * matches none of them, so a rotated key is picked up). A timestamp more than 5 minutes off is
 * refused: a recorded callback cannot be replayed later.
 */
@ApplicationScoped
public class FalSignatures {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Duration KEYS_FOR = Duration.ofHours(24);
    private static final Duration REFETCH_AFTER = Duration.ofMinutes(5);
    /** An Ed25519 public key in X.509 form is this prefix and the 32 raw bytes of the JWK's x. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String jwksUrl;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private List<PublicKey> keys = List.of(); // guarded by this
    private Instant fetchedAt = Instant.EPOCH; // guarded by this

    @Inject
    public FalSignatures(@ConfigProperty(name = "vtry.fal.jwks-url") String jwksUrl, ObjectMapper json) {
        this(jwksUrl, json, Clock.systemUTC());
    }

    FalSignatures(String jwksUrl, ObjectMapper json, Clock clock) {
        this.jwksUrl = jwksUrl;
        this.json = json;
        this.clock = clock;
    }

    /** True when the headers sign this body with one of fal's keys, at a time within the allowed skew. */
    public boolean verify(String requestId, String userId, String timestamp, String signatureHex, byte[] body) {
        if (requestId == null || userId == null || timestamp == null || signatureHex == null
                || !timestamp.matches("\\d{1,12}") || !signatureHex.matches("(?i)[0-9a-f]{128}")) {
            return false;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > MAX_SKEW.toSeconds()) {
            return false;
        }
        byte[] message = (requestId + "\n" + userId + "\n" + timestamp + "\n" + sha256Hex(body))
                .getBytes(StandardCharsets.UTF_8);
        byte[] signature = HexFormat.of().parseHex(signatureHex);
        if (matches(keys(false), message, signature)) {
            return true;
        }
        return matches(keys(true), message, signature); // fal may have rotated its keys
    }

    private static boolean matches(List<PublicKey> keys, byte[] message, byte[] signature) {
        for (PublicKey key : keys) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(message);
                if (ed25519.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature for this key: try the next one
            }
        }
        return false;
    }

    /** The cached keys; fetched when older than a day, or on {@code again} when older than 5 minutes. */
    private synchronized List<PublicKey> keys(boolean again) {
        Duration age = Duration.between(fetchedAt, clock.instant());
        if (age.compareTo(KEYS_FOR) > 0 || again && age.compareTo(REFETCH_AFTER) > 0) {
            try {
                keys = fetch();
            } catch (Exception e) {
                Log.warnf("fal's webhook keys could not be fetched from %s: %s", jwksUrl, e.toString());
            }
            fetchedAt = clock.instant();
        }
        return keys;
    }

    private List<PublicKey> fetch() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(jwksUrl)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        List<PublicKey> fetched = new ArrayList<>();
        for (JsonNode jwk : json.readTree(response.body()).path("keys")) {
            if ("OKP".equals(jwk.path("kty").asText()) && "Ed25519".equals(jwk.path("crv").asText())) {
                byte[] raw = Base64.getUrlDecoder().decode(jwk.path("x").asText());
                byte[] der = new byte[X509_PREFIX.length + raw.length];
                System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
                System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
                fetched.add(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
            }
        }
        return List.copyOf(fetched);
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
