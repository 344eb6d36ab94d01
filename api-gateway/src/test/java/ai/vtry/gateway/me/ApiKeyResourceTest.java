package ai.vtry.gateway.me;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

/** POST /api/v1/me/api-key/rotate: the user replaces their own key. */
@QuarkusTest
class ApiKeyResourceTest {

    @Test
    void theNewKeyWorksAtOnceAndTheOldOneNoLonger() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        String newKey = given().header("Authorization", owner.bearer())
                .header("Idempotency-Key", "rotate-1")
                .post("/api/v1/me/api-key/rotate")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("apiKey", matchesPattern("vtry_[A-Za-z0-9_-]{43}"))
                .body("apiKey", not(equalTo(owner.apiKey())))
                .extract().path("apiKey");

        given().header("Authorization", "Bearer " + newKey).get("/api/v1/me")
                .then().statusCode(200).body("user.id", equalTo(owner.userId()));
        given().header("Authorization", owner.bearer()).get("/api/v1/me")
                .then().statusCode(401).body("error.code", equalTo("invalidApiKey"));
        // A retry with the old key and the same Idempotency-Key cannot rotate a second time.
        given().header("Authorization", owner.bearer()).header("Idempotency-Key", "rotate-1")
                .post("/api/v1/me/api-key/rotate")
                .then().statusCode(401).body("error.code", equalTo("invalidApiKey"));
        given().header("Authorization", "Bearer " + newKey).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aMemberRotatesOnlyTheirOwnKey() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        given().header("Authorization", member.bearer()).post("/api/v1/me/api-key/rotate")
                .then().statusCode(200);
        given().header("Authorization", owner.bearer()).get("/api/v1/me").then().statusCode(200);
        given().header("Authorization", member.bearer()).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void rotatingIsAWriteAndNeedsAKey() {
        given().post("/api/v1/me/api-key/rotate").then().statusCode(401).body("error.code", equalTo("missingApiKey"));
        TestAccounts.Created owner = TestAccounts.owner("free");
        given().header("Authorization", owner.bearer()).get("/api/v1/me/api-key/rotate")
                .then().statusCode(405).body("error.code", equalTo("methodNotAllowed"));
        given().header("Authorization", owner.bearer()).post("/api/v1/me/api-key/rotate")
                .then().statusCode(200).header("RateLimit-Limit", "30").header("RateLimit-Remaining", "29");
    }
}
