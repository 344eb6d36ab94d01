package ai.vtry.gateway.auth;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.vtry.common.auth.Caller;
import ai.vtry.gateway.account.Principal;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Mints the internal token the services trust instead of the API key: RS256, issuer
 * {@code vtry-gateway}, audience {@code vtry-services}, subject the user, claims {@code wid} and
 * {@code plan}, valid 60 s. A token is reused for 30 s per principal (so it always has at least 30 s
 * left when forwarded): an RSA signature per request would be the gateway's main cost.
 */
@Startup
@ApplicationScoped
public class InternalTokens {

    public static final String ISSUER = "vtry-gateway";
    public static final String AUDIENCE = "vtry-services";
    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final Duration REUSE = Duration.ofSeconds(30);

    private final PrivateKey signingKey;
    private final ExpiringCache<Principal, String> cache = new ExpiringCache<>(REUSE, 50_000);

    // The key is read once at start-up (and a missing key fails the start), not on the event loop.
    public InternalTokens(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String keyLocation) {
        try {
            String pem = ResourceUtils.readResource(keyLocation);
            if (pem == null) {
                throw new IllegalStateException("No JWT signing key at " + keyLocation
                        + " (smallrye.jwt.sign.key.location, VTRY_JWT_PRIVATE_KEY_FILE)");
            }
            this.signingKey = KeyUtils.decodePrivateKey(pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the JWT signing key at " + keyLocation, e);
        }
    }

    public String tokenFor(Principal principal) {
        String token = cache.get(principal);
        if (token == null) {
            token = Jwt.issuer(ISSUER)
                    .audience(AUDIENCE)
                    .subject(principal.userId())
                    .claim(Caller.WORKSPACE_CLAIM, principal.workspaceId())
                    .claim(Caller.PLAN_CLAIM, principal.planId())
                    .expiresIn(LIFETIME)
                    .sign(signingKey);
            cache.put(principal, token);
        }
        return token;
    }
}
