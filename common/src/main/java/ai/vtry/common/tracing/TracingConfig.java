package ai.vtry.common.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vtry.tracing.*}: whether spans are recorded, and where they go (docs/operations.md, "Logs and
 * traces"). The two switches are independent; spans are recorded when either is on.
 *
 * <table>
 * <tr><th>{@code enabled}</th><th>{@code log-spans}</th><th>recorded</th><th>OTLP</th><th>log lines</th></tr>
 * <tr><td>false</td><td>false</td><td>no</td><td>no</td><td>no</td></tr>
 * <tr><td>true</td><td>false</td><td>yes</td><td>yes</td><td>no</td></tr>
 * <tr><td>false</td><td>true</td><td>yes</td><td>no</td><td>yes</td></tr>
 * <tr><td>true</td><td>true</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * </table>
 */
@ConfigMapping(prefix = "vtry.tracing")
public interface TracingConfig {

    /**
     * Record spans and export them over OTLP ({@code quarkus.otel.exporter.otlp.traces.endpoint}).
     * Off, trace and span ids are still made and passed on (HTTP headers, Kafka headers, the outbox),
     * so the logs of one request or job share a trace id; nothing is sent over OTLP
     * ({@link OtlpOff} keeps quarkus-opentelemetry from building its exporter).
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Record spans and write each finished one as a log line of category {@value LogSpanExporter#CATEGORY}
     * ({@link SpanLog}); with {@link #enabled()} as well, they also go over OTLP.
     */
    @WithDefault("false")
    boolean logSpans();

    /** Whether spans are recorded at all: for OTLP, for the log, or both. */
    default boolean recording() {
        return enabled() || logSpans();
    }
}
