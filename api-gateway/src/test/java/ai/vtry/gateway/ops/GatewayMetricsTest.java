package ai.vtry.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

/** Requests through the proxy are counted by public route and status, with the ids collapsed. */
@QuarkusTest
class GatewayMetricsTest {

    @Test
    void countsProxiedRequestsByRouteTemplateAndStatus() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        given().header("Authorization", owner.bearer()).get("/api/v1/persons/pr_metrics1/images").then().statusCode(200);
        given().header("Authorization", owner.bearer()).get("/api/v1/persons/pr_metrics2/images").then().statusCode(200);
        given().get("/api/v1/jobs/req_metrics").then().statusCode(401);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*http_server_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\","
                        + "status=\"200\",uri=\"/api/v1/persons/\\{personId}/images\"} [2-9].*"))
                .body(matchesPattern("(?s).*http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\","
                        + "status=\"401\",uri=\"/api/v1/jobs/\\{id}\"} [1-9].*"))
                .body(not(containsString("pr_metrics1"))));
    }
}
