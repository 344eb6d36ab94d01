package ai.vtry.person.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.FakeCollector;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** {@code VTRY_OTEL_ENABLED=true} and {@code VTRY_OTEL_LOG_SPANS=true}: the log comes on top of OTLP. */
@QuarkusTest
@QuarkusTestResource(value = FakeCollector.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "vtry.tracing.enabled", value = "true"),
        @ResourceArg(name = "vtry.tracing.log-spans", value = "true") })
class SpansInTheLogAndOverOtlpTest {

    @ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint")
    String collector;

    @Inject
    OpenTelemetry otel;

    @Test
    void aRequestsSpanIsALogLineAndGoesToTheCollector() {
        try (SpanLines lines = SpanLines.capture()) {
            SpanLines.listPersons();

            String line = lines.await(l -> l.contains(" kind=SERVER ") && l.contains(" http.route=/api/v1/persons"));
            assertTrue(line.contains(" service=person-service "), line);

            SpanLines.flush(otel);
            await().atMost(SpanLines.WAIT).until(() -> FakeCollector.received(collector) > 0);
        }
    }
}
