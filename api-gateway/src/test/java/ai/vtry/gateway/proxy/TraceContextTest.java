package ai.vtry.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * With spans not recorded (the default), the gateway still continues or starts a trace, passes it
 * upstream and names it in its log lines (ProxyTest covers the continued trace with its tracestate).
 */
@QuarkusTest
class TraceContextTest {

    private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-00";

    @Test
    void anInvalidTraceparentStartsANewTrace() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        for (String invalid : List.of("00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "not a traceparent")) {
            String forwarded = forwardedTraceparent(owner, invalid);
            assertTrue(forwarded.matches(TRACEPARENT), invalid + " -> " + forwarded);
            assertTrue(!forwarded.contains("4bf92f3577b34da6a3ce929d0e0e4736"), invalid + " -> " + forwarded);
        }
    }

    @Test
    void eachRequestWithoutTraceContextStartsItsOwnTrace() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        String first = forwardedTraceparent(owner, null);
        String second = forwardedTraceparent(owner, null);
        assertTrue(first.matches(TRACEPARENT), first);
        assertNotEquals(first.split("-")[1], second.split("-")[1]);
    }

    @Test
    void theGatewaysLogLinesNameTheTraceAndItsSpan() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord ext = (ExtLogRecord) record;
                ext.copyMdc(); // on the logging thread, where the request's MDC is
                records.add(ext);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Forwarder.class.getName());
        logger.addHandler(capture);
        try {
            // clothes-service is unreachable in these tests: the forwarder logs a warning for it.
            given().header("Authorization", owner.bearer())
                    .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .when().get("/api/v1/clothes").then().statusCode(502);
        } finally {
            logger.removeHandler(capture);
        }
        ExtLogRecord warning = records.stream().filter(r -> r.getMessage().contains("unavailable")).findFirst()
                .orElseThrow(() -> new AssertionError("no warning logged: " + records));
        assertEquals("0af7651916cd43dd8448eb211c80319c", warning.getMdc("traceId"));
        assertTrue(warning.getMdc("spanId").matches("[0-9a-f]{16}"), warning.getMdc("spanId"));
        assertNotEquals("b7ad6b7169203331", warning.getMdc("spanId"));
    }

    private static String forwardedTraceparent(TestAccounts.Created owner, String traceparent) {
        var request = given().header("Authorization", owner.bearer());
        if (traceparent != null) {
            request = request.header("traceparent", traceparent);
        }
        Response response = request.when().get("/api/v1/history");
        assertEquals(200, response.statusCode());
        return response.header("X-Echo-Traceparent");
    }
}
