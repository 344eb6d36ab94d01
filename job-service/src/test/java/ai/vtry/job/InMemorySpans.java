package ai.vtry.job;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The exporter of the module's tests: quarkus-opentelemetry sends finished spans to every
 * {@code SpanExporter} bean (and then builds no OTLP exporter), so tests can look at them.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
