package ai.vtry.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With spans recorded (here into the log), the upstream's parent is a recorded, sampled span of the gateway's. */
@QuarkusTest
@TestProfile(RecordedTraceContextTest.LogSpans.class)
class RecordedTraceContextTest {

    public static class LogSpans implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vtry.tracing.log-spans", "true");
        }
    }

    @Test
    void theUpstreamsParentIsARecordedSpanOfTheGateway() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        String forwarded = given().header("Authorization", owner.bearer())
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .when().get("/api/v1/history")
                .then().statusCode(200).extract().header("X-Echo-Traceparent");
        String[] parts = forwarded.split("-");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parts[1]);
        assertNotEquals("00f067aa0ba902b7", parts[2]);
        assertEquals("01", parts[3], forwarded);
    }
}
