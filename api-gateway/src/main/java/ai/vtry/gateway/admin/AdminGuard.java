package ai.vtry.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import ai.vtry.common.error.ApiException;
import ai.vtry.gateway.config.AdminConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Admits a request to the admin API only with the configured admin token. API keys never count
 * here. Without a configured token the admin API does not exist (404).
 */
@ApplicationScoped
public class AdminGuard {

    private final Optional<String> token;

    public AdminGuard(AdminConfig config) {
        this.token = config.token();
    }

    public void check(String presented) {
        if (token.isEmpty()) {
            throw new ApiException(404, "notFound", "No such endpoint or resource");
        }
        if (presented == null || !sameSecret(presented, token.get())) {
            throw new ApiException(401, "invalidAdminToken", "A valid X-Admin-Token header is required");
        }
    }

    /** Constant-time; hashing first also hides the token's length. */
    private static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
