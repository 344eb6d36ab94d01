package ai.vtry.common.tracing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Writes each finished span as one log line, so spans can be read without a collector
 * ({@code VTRY_OTEL_LOG_SPANS=true}, see {@link SpanLog}):
 *
 * <pre>
 * span traceId=4bf9… spanId=00f0… parentSpanId=6e0c… service=job-service kind=SERVER name="POST /internal/jobs"
 *   start=2026-05-04T10:15:02.101Z durationMs=12.3 status=UNSET http.route=/internal/jobs http.status=201 jobId=req_…
 * </pre>
 *
 * (one line). {@code parentSpanId=-} marks the root of a trace. Only a few attributes are written, and
 * never a whole URL (a signed link's query is a credential): the route, path and status of HTTP spans
 * (the path of a server span only where it differs from the route), the peer and path of client spans,
 * the topic of messaging spans and the job a span worked on ({@value #JOB_ID}, set by
 * {@code LogContext} and {@link JobIdSpans}).
 *
 * <p>The category is {@value #CATEGORY}, rather than the class, so operators can raise, lower or
 * route span lines on their own ({@code quarkus.log.category."vtry.spans".level=OFF}).
 */
public final class LogSpanExporter implements SpanExporter {

    public static final String CATEGORY = "vtry.spans";

    /** The span attribute that names the job a span worked on (set with the {@code jobId} of the MDC). */
    public static final String JOB_ID = "vtry.job.id";

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    /** Attributes written when present, whatever their type: the key on the span, then the name on the line. */
    private static final Map<String, String> FIELDS = fields(
            "http.route", "http.route",
            "http.response.status_code", "http.status",
            "messaging.destination.name", "messaging.destination",
            JOB_ID, "jobId");

    /** When a span started, in UTC to the millisecond: lines are written in the order spans end, not start. */
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Consumer<String> sink;

    /** Writes to the log, category {@value #CATEGORY}, level INFO. */
    public static LogSpanExporter toLog() {
        Logger log = Logger.getLogger(CATEGORY);
        return new LogSpanExporter(log::info);
    }

    public LogSpanExporter(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        for (SpanData span : spans) {
            sink.accept(format(span));
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** The line of one span. */
    static String format(SpanData span) {
        StringBuilder line = new StringBuilder(256).append("span");
        append(line, "traceId", span.getTraceId());
        append(line, "spanId", span.getSpanId());
        append(line, "parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : "-");
        String service = span.getResource().getAttribute(SERVICE_NAME);
        append(line, "service", service == null ? "-" : service);
        append(line, "kind", span.getKind().name());
        append(line, "name", span.getName());
        append(line, "start", START.format(Instant.ofEpochSecond(0, span.getStartEpochNanos())));
        long nanos = Math.max(0, span.getEndEpochNanos() - span.getStartEpochNanos());
        append(line, "durationMs", String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0));
        StatusData status = span.getStatus();
        append(line, "status", status.getStatusCode().name());
        if (status.getStatusCode() == StatusCode.ERROR && !status.getDescription().isEmpty()) {
            append(line, "error", status.getDescription());
        }
        Attributes attributes = span.getAttributes();
        if (span.getKind() == SpanKind.SERVER) {
            String path = attributes.get(URL_PATH);
            if (path != null && !path.equals(attributes.get(HTTP_ROUTE))) {
                append(line, "path", path);
            }
        }
        if (span.getKind() == SpanKind.CLIENT) {
            clientTarget(attributes, line);
        }
        Map<String, String> values = new HashMap<>();
        attributes.forEach((key, value) -> {
            if (FIELDS.containsKey(key.getKey())) {
                values.put(key.getKey(), String.valueOf(value));
            }
        });
        FIELDS.forEach((key, name) -> {
            String value = values.get(key);
            if (value != null) {
                append(line, name, value);
            }
        });
        return line.toString();
    }

    /**
     * Where a client span went: {@code peer=host:port} and {@code path=}, from {@code url.full} without
     * its query (which may hold a signature or a key) or user info; {@code server.address} if there is
     * no URL.
     */
    private static void clientTarget(Attributes attributes, StringBuilder line) {
        Long port = attributes.get(SERVER_PORT);
        String url = attributes.get(URL_FULL);
        if (url != null) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() != null) {
                    if (uri.getPort() >= 0) {
                        port = (long) uri.getPort();
                    }
                    append(line, "peer", port == null ? uri.getHost() : uri.getHost() + ":" + port);
                    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                        append(line, "path", uri.getRawPath());
                    }
                    return;
                }
            } catch (URISyntaxException e) {
                // fall back to server.address
            }
        }
        String peer = attributes.get(SERVER_ADDRESS);
        if (peer != null) {
            append(line, "peer", port == null ? peer : peer + ":" + port);
        }
    }

    /** {@code name=value}, the value quoted if it has a space, a quote or a control character. */
    private static void append(StringBuilder line, String name, String value) {
        line.append(' ').append(name).append('=');
        if (!value.isEmpty() && value.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\\')) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> line.append('\\').append(c);
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c < ' ' ? ' ' : c);
            }
        }
        line.append('"');
    }

    private static Map<String, String> fields(String... keysAndNames) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndNames.length; i += 2) {
            fields.put(keysAndNames[i], keysAndNames[i + 1]);
        }
        return Collections.unmodifiableMap(fields);
    }
}
