package ai.vtry.common.tracing;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.inject.Singleton;

/**
 * Keeps OTLP off unless {@code vtry.tracing.enabled=true} ({@code VTRY_OTEL_ENABLED}), even while spans
 * are recorded for the log ({@link SpanLog}): then nothing tries to reach a collector that is not there.
 *
 * <p>quarkus-opentelemetry (3.33, {@code OTelExporterRecorder.spanProcessorForOtlp}) builds its OTLP
 * exporter only if no {@link SpanExporter} bean can be looked up; this one, which drops what it gets,
 * can be looked up exactly while OTLP is off. With {@code vtry.tracing.enabled=true} it is hidden from
 * lookups and the OTLP exporter is built as usual. (A module's tests may bring their own exporter bean,
 * e.g. job-service's in-memory one; it replaces OTLP as well.)
 */
@Singleton
@Unremovable
@LookupUnlessProperty(name = "vtry.tracing.enabled", stringValue = "true", lookupIfMissing = true)
public class OtlpOff implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
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
}
