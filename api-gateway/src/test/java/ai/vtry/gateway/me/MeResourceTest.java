package ai.vtry.gateway.me;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import ai.vtry.gateway.auth.ApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Authentication on /api/v1/* and GET /api/v1/me. */
@QuarkusTest
class MeResourceTest {

    @Test
    void withoutAKeyTheAnswerIs401MissingApiKey() {
        given().when().get("/api/v1/me")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("missingApiKey"))
                .body("error.message", notNullValue())
                .body("error.details", anEmptyMap());
        given().header("x-api-key", "").when().get("/api/v1/me")
                .then().statusCode(401).body("error.code", equalTo("missingApiKey"));
    }

    @Test
    void aKeyOfTheWrongShapeIs401InvalidApiKey() {
        expectInvalid(given().header("Authorization", "Bearer abc"));
        expectInvalid(given().header("Authorization", "Basic dXNlcjpwYXNz"));
        expectInvalid(given().header("x-api-key", "sk_live_123"));
        expectInvalid(given().header("x-api-key", "vtry_" + "a".repeat(42)));
    }

    @Test
    void anUnknownKeyIs401InvalidApiKey() {
        expectInvalid(given().header("Authorization", "Bearer " + ApiKeys.generate().key()));
        expectInvalid(given().header("x-api-key", ApiKeys.generate().key()));
    }

    @Test
    void bearerAndXApiKeyBothAuthenticateTheOwner() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        for (RequestSpecification request : new RequestSpecification[] {
                given().header("Authorization", owner.bearer()), given().header("x-api-key", owner.apiKey()) }) {
            request.when().get("/api/v1/me")
                    .then().statusCode(200)
                    .body("user.id", equalTo(owner.userId()))
                    .body("user.email", equalTo(owner.email()))
                    .body("subscription.planId", equalTo("pro"))
                    .body("subscription.planLabel", equalTo("Pro"))
                    .body("subscription.status", equalTo("active"))
                    .body("subscription.cancelAtPeriodEnd", equalTo(false))
                    .body("subscription", hasKey("renewsAt"))
                    .body("subscription.renewsAt", nullValue())
                    .body("workspace.ownerId", equalTo(owner.userId()))
                    .body("workspace.isWorkspaceOwner", equalTo(true));
        }
    }

    @Test
    void theAccountsLimitsAsTheyStandCountingNothing() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        // The first /me is itself a read: 59 of 60 are left, and the oldest leaves within the minute.
        given().header("Authorization", owner.bearer()).get("/api/v1/me").then().statusCode(200)
                .body("limits.read.limit", equalTo(60))
                .body("limits.read.remaining", equalTo(59))
                .body("limits.read.resetSeconds", allOf(greaterThan(0), lessThanOrEqualTo(60)))
                .body("limits.write.limit", equalTo(30))
                .body("limits.write.remaining", equalTo(30))
                .body("limits.write.resetSeconds", equalTo(0))
                .body("limits.generate.remaining", equalTo(10))
                .body("limits.source-images.limit", equalTo(5));
        given().header("Authorization", owner.bearer()).contentType("application/json").body("{}")
                .post("/api/v1/persons/pr_1/images").then().statusCode(200); // a write, to the echo upstream
        // Looking counted nothing: two reads and one write since.
        given().header("Authorization", owner.bearer()).get("/api/v1/me").then().statusCode(200)
                .body("limits.read.remaining", equalTo(58))
                .body("limits.write.remaining", equalTo(29));
    }

    @Test
    void aMemberSeesTheOwnersPlanAndIsNotTheOwner() {
        TestAccounts.Created owner = TestAccounts.owner("ultra");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        given().header("Authorization", member.bearer())
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("user.id", equalTo(member.userId()))
                .body("user.email", equalTo(member.email()))
                .body("subscription.planId", equalTo("ultra"))
                .body("subscription.planLabel", equalTo("Ultra"))
                .body("workspace.ownerId", equalTo(owner.userId()))
                .body("workspace.isWorkspaceOwner", equalTo(false));
    }

    @Test
    void everyApiResponseCarriesARequestId() {
        given().when().get("/api/v1/me")
                .then().statusCode(401)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        TestAccounts.Created owner = TestAccounts.owner("free");
        given().header("Authorization", owner.bearer()).header("X-Request-Id", "trace-123")
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .header("X-Request-Id", "trace-123");
    }

    private static void expectInvalid(RequestSpecification request) {
        request.when().get("/api/v1/me")
                .then().statusCode(401)
                .body("error.code", equalTo("invalidApiKey"))
                .body("error.details", anEmptyMap());
    }
}
