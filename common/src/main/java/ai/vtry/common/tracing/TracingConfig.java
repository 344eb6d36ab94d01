package ai.vtry.common.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code vtry.tracing.*}: whether spans are recorded and exported (docs/operations.md, "Logs and traces"). */
@ConfigMapping(prefix = "vtry.tracing")
public interface TracingConfig {

    /**
     * Record spans and export them over OTLP ({@code quarkus.otel.exporter.otlp.traces.endpoint}).
     * Off, trace and span ids are still made and passed on (HTTP headers, Kafka headers, the outbox),
     * so the logs of one request or job share a trace id; nothing is recorded or sent.
     */
    @WithDefault("false")
    boolean enabled();
}
