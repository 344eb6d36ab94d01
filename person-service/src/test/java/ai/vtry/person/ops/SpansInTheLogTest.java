package ai.vtry.person.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.FakeCollector;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * {@code VTRY_OTEL_LOG_SPANS=true} alone: every span is a log line, and nothing is sent over OTLP, even
 * to an endpoint where a collector answers ({@code OtlpOff} keeps quarkus-opentelemetry from building
 * its exporter).
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCollector.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "vtry.tracing.enabled", value = "false"),
        @ResourceArg(name = "vtry.tracing.log-spans", value = "true") })
class SpansInTheLogTest {

    @ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint")
    String collector;

    @Inject
    OpenTelemetry otel;

    @Test
    void aRequestsSpanIsALogLineAndNothingGoesOverOtlp() {
        try (SpanLines lines = SpanLines.capture()) {
            SpanLines.listPersons();

            String line = lines.await(l -> l.contains(" kind=SERVER ") && l.contains(" http.route=/api/v1/persons"));
            assertTrue(line.matches("span traceId=[0-9a-f]{32} spanId=[0-9a-f]{16} parentSpanId=- service=person-service"
                    + " kind=SERVER name=\"GET /api/v1/persons\" start=\\S+Z durationMs=\\d+\\.\\d status=UNSET"
                    + " http.route=/api/v1/persons http.status=200"), line);

            SpanLines.flush(otel);
            assertEquals(0, FakeCollector.received(collector), "OTLP requests with VTRY_OTEL_ENABLED=false");
        }
    }
}
