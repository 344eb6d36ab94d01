package ai.vtry.common.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.vtry.common.logging.LogContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.mutiny.Uni;

class JobIdSpansTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(new JobIdSpans())
            .addSpanProcessor(SimpleSpanProcessor.create(new LogSpanExporter(lines::add)))
            .build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        MDC.clear();
        provider.shutdown();
    }

    @Test
    void spansStartedWhileTheMdcNamesAJobCarryIt() {
        LogContext.withJob("req_9", "ws_9", () -> {
            tracer.spanBuilder("SELECT jobs").setSpanKind(SpanKind.CLIENT).startSpan().end();
            return Uni.createFrom().voidItem();
        }).await().indefinitely();
        tracer.spanBuilder("SELECT outbox").setSpanKind(SpanKind.CLIENT).startSpan().end();

        assertEquals(2, lines.size(), lines.toString());
        assertEquals(true, lines.get(0).endsWith(" jobId=req_9"), lines.get(0));
        assertEquals(false, lines.get(1).contains("jobId="), lines.get(1));
    }
}
