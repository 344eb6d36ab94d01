package ai.vtry.common.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

/** {@code vtry.tracing.log-spans} decides whether finished spans become log lines, whatever OTLP does. */
class SpanLogTest {

    /** The lines a service with {@code switches} writes for one request's span; whether it was recorded. */
    private static List<String> linesOfOneRequest(Switches switches, boolean expectRecorded) {
        List<String> lines = new CopyOnWriteArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(new ExportSampler(switches))
                .addSpanProcessor(new SpanLog(switches, new LogSpanExporter(lines::add)))
                .build();
        try {
            Span span = provider.get("test").spanBuilder("GET /api/v1/history").setSpanKind(SpanKind.SERVER)
                    .setNoParent().startSpan();
            assertEquals(expectRecorded, span.isRecording(), switches.toString());
            span.end();
            assertTrue(provider.forceFlush().join(5, TimeUnit.SECONDS).isSuccess());
            return lines.stream().map(line -> line.replaceAll(" (traceId|spanId|start|durationMs)=\\S+", "")).toList();
        } finally {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void onItLogsEachFinishedSpanWithOrWithoutOtlp() {
        List<String> expected = List.of("span parentSpanId=- service=unknown_service:java kind=SERVER name=\"GET /api/v1/history\" status=UNSET");
        assertEquals(expected, linesOfOneRequest(Switches.LOG, true));
        assertEquals(expected, linesOfOneRequest(Switches.BOTH, true));
    }

    @Test
    void offItLogsNothingEvenWhenSpansAreRecordedForOtlp() {
        assertEquals(List.of(), linesOfOneRequest(Switches.OTLP, true));
        assertEquals(List.of(), linesOfOneRequest(Switches.OFF, false));
    }
}
