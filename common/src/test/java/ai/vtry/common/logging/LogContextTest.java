package ai.vtry.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    private static String seen() {
        return MDC.get(LogContext.JOB_ID) + "/" + MDC.get(LogContext.WORKSPACE_ID);
    }

    @Test
    void theKeysAreThereWhileTheWorkRunsAndGoneAfter() {
        Uni<String> work = LogContext.withJob("req_1", "ws_1", () -> Uni.createFrom().item(LogContextTest::seen));
        assertNull(MDC.get(LogContext.JOB_ID), "nothing happens before subscription");

        assertEquals("req_1/ws_1", work.await().indefinitely());

        assertNull(MDC.get(LogContext.JOB_ID));
        assertNull(MDC.get(LogContext.WORKSPACE_ID));
    }

    @Test
    void previousValuesComeBackAfterAFailureAlsoForKeysTheWorkPutItself() {
        MDC.put(LogContext.JOB_ID, "req_outer");
        Uni<Void> failing = LogContext.withJob("req_inner", null, () -> {
            LogContext.put(LogContext.WORKSPACE_ID, "ws_found_later");
            assertEquals("req_inner/ws_found_later", seen());
            return Uni.createFrom().failure(new IllegalStateException("boom"));
        });

        assertThrows(IllegalStateException.class, () -> failing.await().indefinitely());

        assertEquals("req_outer/null", seen());
    }

    @Test
    void aSupplierThatThrowsIsAFailureAndCleansUpToo() {
        Uni<Void> throwing = LogContext.with(Map.of(LogContext.JOB_ID, "req_2"), () -> {
            throw new IllegalArgumentException("bad");
        });

        assertThrows(IllegalArgumentException.class, () -> throwing.await().indefinitely());

        assertNull(MDC.get(LogContext.JOB_ID));
    }
}
