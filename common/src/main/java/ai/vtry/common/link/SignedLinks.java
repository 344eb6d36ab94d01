package ai.vtry.common.link;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Download links handed to clients: {@code {publicUrl}/files/{key}?expires=..&signature=..}.
 * The gateway, the only public entry, checks the HMAC and streams the object, so storage never
 * needs to be reachable from outside and a link works for anyone who holds it until it expires.
 */
@ApplicationScoped
public class SignedLinks {

    @ConfigMapping(prefix = "vtry.links")
    public interface Config {
        /** Base URL of the gateway as clients reach it (VTRY_PUBLIC_URL). */
        String publicUrl();

        /** HMAC secret shared by the services that issue links and the gateway that checks them. */
        String secret();

        @WithDefault("PT24H")
        Duration ttl();
    }

    private final String publicUrl;
    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public SignedLinks(Config config) {
        this(config.publicUrl(), config.secret(), config.ttl(), Clock.systemUTC());
    }

    public SignedLinks(String publicUrl, String secret, Duration ttl, Clock clock) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A link to {@code key}, or null for a null key (a person without a composite, say). */
    public String url(String key) {
        if (key == null) {
            return null;
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return publicUrl + "/files/" + encodePath(key) + "?expires=" + expires + "&signature=" + sign(key, expires);
    }

    /** True if the signature matches and the link has not expired. */
    public boolean verify(String key, long expires, String signature) {
        if (key == null || signature == null || expires < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(sign(key, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String key, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String encodePath(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
