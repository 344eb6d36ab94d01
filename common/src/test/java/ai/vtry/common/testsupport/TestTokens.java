package ai.vtry.common.testsupport;

import java.time.Duration;

import ai.vtry.common.auth.Caller;
import io.smallrye.jwt.build.Jwt;

/**
 * Internal tokens as the gateway mints them, signed with the test-only key pair in this jar
 * (testsupport/test-jwt-*.pem). Services under test verify with its public half.
 */
public final class TestTokens {

    public static final String ISSUER = "vtry-gateway";
    public static final String AUDIENCE = "vtry-services";

    public static String token(String userId, String workspaceId, String plan) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim(Caller.WORKSPACE_CLAIM, workspaceId)
                .claim(Caller.PLAN_CLAIM, plan)
                .expiresIn(Duration.ofMinutes(5))
                .jws()
                .sign("testsupport/test-jwt-private.pem");
    }

    /** A fresh user in a fresh workspace, so tests never see each other's data. */
    public static Account newAccount(String plan) {
        String suffix = Long.toString(System.nanoTime(), 36);
        return new Account("usr_" + suffix, "ws_" + suffix, plan);
    }

    public record Account(String userId, String workspaceId, String plan) {
        public String token() {
            return TestTokens.token(userId, workspaceId, plan);
        }

        public String bearer() {
            return "Bearer " + token();
        }
    }

    private TestTokens() {
    }
}
