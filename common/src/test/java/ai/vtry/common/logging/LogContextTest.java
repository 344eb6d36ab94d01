package ai.vtry.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.vtry.common.tracing.LogSpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
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

    @Test
    void theJobAlsoGoesOnTheCurrentSpanForTheTrace() {
        SdkTracerProvider provider = SdkTracerProvider.builder().build();
        try {
            Span span = provider.get("test").spanBuilder("job-status receive").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                LogContext.withJob("req_3", "ws_3", () -> Uni.createFrom().voidItem()).await().indefinitely();
            }
            span.end();

            Attributes attributes = ((ReadableSpan) span).toSpanData().getAttributes();
            assertEquals("req_3", attributes.get(AttributeKey.stringKey(LogSpanExporter.JOB_ID)));
            assertEquals(1, attributes.size(), "only the job, never the workspace: " + attributes);
        } finally {
            provider.shutdown();
        }
    }
}
