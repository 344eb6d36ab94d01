package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** The read limit of the reference (60 GET requests a minute per account), through the real gateway and Redis. */
class RateLimitIT {

    @Test
    void theSixtyFirstReadInAMinuteIsRefusedForThatAccountOnly() {
        String key = Stack.newAccount("free");
        for (int i = 1; i <= 60; i++) {
            Response response = as(key).get("/api/v1/persons");
            assertEquals(200, response.statusCode(), "read " + i);
            assertEquals("60", response.header("RateLimit-Limit"));
            assertEquals(String.valueOf(60 - i), response.header("RateLimit-Remaining"), "read " + i);
        }
        as(key).get("/api/v1/persons").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error.code", equalTo("rateLimited"))
                .body("error.details.category", equalTo("read"))
                .body("error.details.limit", equalTo(60));

        as(Stack.newAccount("free")).get("/api/v1/persons").then().statusCode(200);
    }
}
