package ai.vtry.common.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class LogSpanExporterTest {

    /** 2026-05-04T10:15:02Z, in nanoseconds. */
    private static final long T0 = 1_777_889_702_000_000_000L;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "job-service")))
            .addSpanProcessor(SimpleSpanProcessor.create(new LogSpanExporter(lines::add)))
            .build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }

    @Test
    void aServerSpanIsOneLineWithIdsKindNameDurationStatusAndTheUsefulAttributes() {
        Span server = tracer.spanBuilder("POST /internal/jobs").setSpanKind(SpanKind.SERVER).setNoParent()
                .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
                .setAttribute("http.request.method", "POST")
                .setAttribute("http.route", "/internal/jobs")
                .setAttribute("url.path", "/internal/jobs")
                .startSpan();
        server.setAttribute(AttributeKey.longKey("http.response.status_code"), 201L);
        server.setAttribute(LogSpanExporter.JOB_ID, "req_abc");
        server.end(T0 + 12_345_678, TimeUnit.NANOSECONDS);

        assertEquals(List.of("span traceId=" + server.getSpanContext().getTraceId()
                + " spanId=" + server.getSpanContext().getSpanId()
                + " parentSpanId=- service=job-service kind=SERVER name=\"POST /internal/jobs\""
                + " start=2026-05-04T10:15:02.000Z durationMs=12.3"
                + " status=UNSET http.route=/internal/jobs http.status=201 jobId=req_abc"), lines);
    }

    @Test
    void aChildNamesItsParentAndAClientSpanItsPeerButNeverItsUrl() {
        Span parent = tracer.spanBuilder("compose-requests receive").setSpanKind(SpanKind.CONSUMER).setNoParent()
                .setAttribute("messaging.destination.name", "compose-requests").startSpan();
        Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(parent))
                .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
                .setAttribute("server.address", "files.example.com")
                .setAttribute(AttributeKey.longKey("server.port"), 443L)
                .setAttribute("url.full", "https://user:pw@files.example.com/a.jpg?signature=secret")
                .setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
                .startSpan();
        client.end(T0 + 2_000_000, TimeUnit.NANOSECONDS);
        parent.end();

        assertEquals(2, lines.size(), lines.toString());
        assertEquals("span traceId=" + parent.getSpanContext().getTraceId()
                + " spanId=" + client.getSpanContext().getSpanId()
                + " parentSpanId=" + parent.getSpanContext().getSpanId()
                + " service=job-service kind=CLIENT name=GET start=2026-05-04T10:15:02.000Z durationMs=2.0"
                + " status=UNSET peer=files.example.com:443 path=/a.jpg http.status=200", lines.get(0));
        assertFalse(lines.get(0).contains("signature") || lines.get(0).contains("pw"), lines.get(0));
        assertEquals(" kind=CONSUMER name=\"compose-requests receive\"",
                lines.get(1).substring(lines.get(1).indexOf(" kind="), lines.get(1).indexOf(" start=")));
        assertEquals(true, lines.get(1).endsWith(" status=UNSET messaging.destination=compose-requests"), lines.get(1));
    }

    @Test
    void aServerSpansPathIsWrittenWhereItSaysMoreThanTheRoute() {
        tracer.spanBuilder("POST /api/v1/").setSpanKind(SpanKind.SERVER).setNoParent()
                .setAttribute("http.route", "/api/v1/").setAttribute("url.path", "/api/v1/generations")
                .startSpan().end();
        tracer.spanBuilder("GET /api/v1/me").setSpanKind(SpanKind.SERVER).setNoParent()
                .setAttribute("http.route", "/api/v1/me").setAttribute("url.path", "/api/v1/me")
                .startSpan().end();

        assertEquals(2, lines.size(), lines.toString());
        assertEquals(true, lines.get(0).endsWith(" status=UNSET path=/api/v1/generations http.route=/api/v1/"), lines.get(0));
        assertEquals(true, lines.get(1).endsWith(" status=UNSET http.route=/api/v1/me"), lines.get(1));
    }

    @Test
    void anErrorKeepsItsDescriptionOnTheSameLine() {
        Span span = tracer.spanBuilder("job-status receive").setSpanKind(SpanKind.CONSUMER).setNoParent().startSpan();
        span.setStatus(StatusCode.ERROR, "Job \"req_1\" failed:\nprovider timeout");
        span.end();

        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertFalse(line.contains("\n"), line);
        assertEquals(true, line.endsWith(" status=ERROR error=\"Job \\\"req_1\\\" failed:\\nprovider timeout\""), line);
    }
}
