package ai.vtry.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Changes made by another gateway instance: written to the database behind this instance's back,
 * so its key cache is not told and only its one-second lifetime stands between the change and
 * every request here.
 */
@QuarkusTest
class KeyCacheTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofMillis(1500);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void aKeyRevokedElsewhereStopsWorkingHereWithinASecond() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        me(owner.apiKey()).then().statusCode(200);

        sql("update api_keys set revoked_at = now() where user_id = $1", owner.userId());
        // Served from the cache for the moment: this is what the second bounds.
        me(owner.apiKey()).then().statusCode(200);
        await().atMost(WITHIN_A_SECOND).untilAsserted(() -> me(owner.apiKey())
                .then().statusCode(401).body("error.code", equalTo("invalidApiKey")));
    }

    @Test
    void aKeyRotatedElsewhereIsReplacedHereWithinASecond() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        me(owner.apiKey()).then().statusCode(200);

        ApiKeys.Generated rotated = ApiKeys.generate();
        sql("update api_keys set revoked_at = now() where user_id = $1", owner.userId());
        pool.preparedQuery("insert into api_keys (user_id, lookup_prefix, key_hash) values ($1, $2, $3)")
                .execute(Tuple.of(owner.userId(), rotated.lookupPrefix(), rotated.hash()))
                .await().atMost(Duration.ofSeconds(10));

        me(rotated.key()).then().statusCode(200).body("user.id", equalTo(owner.userId()));
        await().atMost(WITHIN_A_SECOND).untilAsserted(() -> me(owner.apiKey()).then().statusCode(401));
    }

    @Test
    void aPlanChangedElsewhereReachesMeAndTheServicesWithinASecond() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        assertEquals("free", forwardedPlan(member));

        sql("update accounts set plan_id = 'ultra' where user_id = $1", owner.userId());
        await().atMost(WITHIN_A_SECOND).untilAsserted(() -> {
            me(member.apiKey()).then().statusCode(200).body("subscription.planId", equalTo("ultra"));
            // Paid-only features are decided by the services from the token's plan claim.
            assertEquals("ultra", forwardedPlan(member));
        });
    }

    private static io.restassured.response.Response me(String key) {
        return given().header("Authorization", "Bearer " + key).when().get("/api/v1/me");
    }

    /** The plan claim of the internal token the echo upstream received. */
    private static String forwardedPlan(TestAccounts.Created account) throws Exception {
        String authorization = given().header("Authorization", account.bearer()).when().get("/api/v1/prompt-presets")
                .then().statusCode(200).extract().header("X-Echo-Authorization");
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
        return claims.get("plan").asText();
    }

    private void sql(String statement, String userId) {
        pool.preparedQuery(statement).execute(Tuple.of(userId)).await().atMost(Duration.ofSeconds(10));
    }
}
