package ai.vtry.gateway.limit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Each per-account category at the reference's limit, with its headers on every response. The
 * echo upstream answers what gets through; clothes-service is a closed port (502), which shows
 * that a refused request is answered before any forwarding.
 */
@QuarkusTest
class AccountLimitsTest {

    @Test
    void readIsSixtyAMinuteAcrossGetEndpoints() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        for (int i = 1; i <= 60; i++) {
            String path = i % 2 == 0 ? "/api/v1/me" : "/api/v1/history";
            expectCounted(as(owner).get(path).then().statusCode(200), 60, 60 - i);
        }
        expectRateLimited(as(owner).get("/api/v1/persons").then(), "read", 60);
        // Other categories keep their own budget.
        expectCounted(as(owner).delete("/api/v1/persons/pr_1").then().statusCode(200), 30, 29);
    }

    @Test
    void writeIsThirtyAMinuteForCreateUpdateAndDelete() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        for (int i = 1; i <= 30; i++) {
            RequestSpecification request = as(owner).contentType("application/json").body("{}");
            var response = switch (i % 3) {
                case 0 -> request.post("/api/v1/persons");
                case 1 -> request.patch("/api/v1/persons/pr_1");
                default -> request.delete("/api/v1/persons/pr_1/images");
            };
            expectCounted(response.then().statusCode(200), 30, 30 - i);
        }
        expectRateLimited(as(owner).delete("/api/v1/persons/pr_2").then(), "write", 30);
        expectCounted(as(owner).get("/api/v1/me").then().statusCode(200), 60, 59);
    }

    @Test
    void generateIsTenAMinuteAcrossGeneratingEndpointsIncludingClothes() {
        TestAccounts.Created owner = TestAccounts.owner("ultra");
        for (int i = 1; i <= 10; i++) {
            String path = switch (i % 3) {
                case 0 -> "/api/v1/edits";
                case 1 -> "/api/v1/persons/pr_1/compose";
                default -> "/api/v1/clothes";
            };
            int status = path.equals("/api/v1/clothes") ? 502 : 200;
            expectCounted(as(owner).contentType("application/json").body("{}").post(path)
                    .then().statusCode(status), 10, 10 - i);
        }
        expectRateLimited(as(owner).multiPart("mode", "direct").post("/api/v1/clothes").then(), "generate", 10);
        expectRateLimited(as(owner).contentType("application/json").body("{}").post("/api/v1/generations").then(),
                "generate", 10);
    }

    @Test
    void sourceImagesIsFiveAMinuteOnItsOwnBudget() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        for (int i = 1; i <= 5; i++) {
            // clothes-service is not there: the 502 still carries the headers of the category that applied.
            expectCounted(as(owner).contentType("application/json").body("{\"url\":\"https://example.com\"}")
                    .post("/api/v1/clothes/source-images").then().statusCode(502), 5, 5 - i);
        }
        expectRateLimited(as(owner).contentType("application/json").body("{}")
                .post("/api/v1/clothes/source-images").then(), "source-images", 5);
        expectCounted(as(owner).multiPart("mode", "direct").post("/api/v1/clothes").then().statusCode(502), 10, 9);
    }

    @Test
    void membersAndOwnersCountSeparately() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        for (int i = 1; i <= 5; i++) {
            as(owner).contentType("application/json").body("{}").post("/api/v1/clothes/source-images")
                    .then().statusCode(502);
        }
        expectRateLimited(as(owner).contentType("application/json").body("{}")
                .post("/api/v1/clothes/source-images").then(), "source-images", 5);
        expectCounted(as(member).contentType("application/json").body("{}")
                .post("/api/v1/clothes/source-images").then().statusCode(502), 5, 4);
    }

    static RequestSpecification as(TestAccounts.Created account) {
        return given().header("Authorization", account.bearer());
    }

    static void expectCounted(ValidatableResponse response, int limit, int remaining) {
        response.header("RateLimit-Limit", String.valueOf(limit))
                .header("RateLimit-Remaining", String.valueOf(remaining))
                .header("RateLimit-Reset", Integer::parseInt, allOf(greaterThan(0), lessThanOrEqualTo(60)));
    }

    static void expectRateLimited(ValidatableResponse response, String category, int limit) {
        response.statusCode(429)
                .header("Retry-After", Integer::parseInt, allOf(greaterThan(0), lessThanOrEqualTo(60)))
                .header("RateLimit-Limit", String.valueOf(limit))
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", Integer::parseInt, allOf(greaterThan(0), lessThanOrEqualTo(60)))
                .body("error.code", equalTo("rateLimited"))
                .body("error.details.category", equalTo(category))
                .body("error.details.limit", equalTo(limit))
                .body("error.details.retryAfterSeconds", allOf(greaterThan(0), lessThanOrEqualTo(60)));
    }
}
