package ai.vtry.gateway.limit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The limiter's decisions go through a Redis client of the request's own event loop, opened with
 * the options Quarkus built for its default client; not through the shared client.
 */
@QuarkusTest
class RedisPerEventLoopTest {

    @Inject
    RateLimiter limiter;

    @Test
    void decisionsUseAClientOfTheRequestsEventLoop() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        given().header("Authorization", owner.bearer()).get("/api/v1/me").then().statusCode(200)
                .header("RateLimit-Limit", "60");
        assertTrue(limiter.eventLoopClients() >= 1, "no event loop opened its own Redis client");
    }
}
