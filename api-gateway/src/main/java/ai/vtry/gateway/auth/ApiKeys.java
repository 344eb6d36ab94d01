package ai.vtry.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: {@code vtry_} and 43 base64url characters carrying 32 random bytes (256 bits).
 *
 * <p>Only the SHA-256 of the whole key is stored. A slow password hash (bcrypt, Argon2) protects
 * low-entropy secrets against guessing; a 256-bit random key cannot be guessed, so one fast hash is
 * enough and keeps the per-request check cheap. The first 12 characters after {@code vtry_} are kept
 * in clear as a lookup prefix to find the row; the hash comparison is constant-time.
 */
public final class ApiKeys {

    public static final String PREFIX = "vtry_";
    static final int LOOKUP_LENGTH = 12;
    private static final int RANDOM_BYTES = 32;
    /** The secret after the prefix: 32 random bytes, URL-safe Base64 without padding. */
    private static final int SECRET_LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key, its lookup prefix and its hash. The key itself is shown once and never stored. */
    public record Generated(String key, String lookupPrefix, String hash) {
        @Override
        public String toString() {
            return "Generated[lookupPrefix=" + lookupPrefix + "]";
        }
    }

    public static Generated generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Generated(key, lookupPrefix(key), hash(key));
    }

    /** True if {@code key} has the shape of a Vtry key (it may still be unknown or revoked). */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != PREFIX.length() + SECRET_LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        // A loop, not a regex: this runs on every request, and a matcher costs more than the check.
        for (int i = PREFIX.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The lookup prefix of a well-formed key, or null for anything else. */
    public static String lookupPrefix(String key) {
        return isWellFormed(key) ? key.substring(PREFIX.length(), PREFIX.length() + LOOKUP_LENGTH) : null;
    }

    /** Lowercase hex SHA-256 of the whole key. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** True if {@code key} hashes to {@code storedHash}, compared in constant time. */
    public static boolean verify(String key, String storedHash) {
        return sameHash(hash(key), storedHash);
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean sameHash(String hash, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private ApiKeys() {
    }
}
