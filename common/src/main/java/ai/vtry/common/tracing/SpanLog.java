package ai.vtry.common.tracing;

import java.time.Duration;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * With {@code vtry.tracing.log-spans=true} ({@code VTRY_OTEL_LOG_SPANS}), hands every finished span to
 * a {@link LogSpanExporter}: one log line each, for operators without a collector. Off, it does nothing.
 *
 * <p>It is a {@link SpanProcessor} bean on purpose, not a {@link SpanExporter} bean: quarkus-opentelemetry
 * adds every processor bean to the tracer provider, but builds its OTLP exporter only while no
 * {@code SpanExporter} bean is present. So the log comes on top of OTLP, which {@code vtry.tracing.enabled}
 * alone decides ({@link OtlpOff}). Lines are written from a background thread, a moment after the
 * span ends, never on the event loop.
 */
@Singleton
@Unremovable
public class SpanLog implements SpanProcessor {

    /** How long a finished span may wait for its line: short, this is for people watching the log. */
    static final Duration DELAY = Duration.ofMillis(200);

    private final SpanProcessor delegate;

    @Inject
    public SpanLog(TracingConfig config) {
        this(config, LogSpanExporter.toLog());
    }

    SpanLog(TracingConfig config, SpanExporter exporter) {
        this.delegate = config.logSpans()
                ? BatchSpanProcessor.builder(exporter).setScheduleDelay(DELAY).build()
                : SpanProcessor.composite();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        delegate.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
        return delegate.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        delegate.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
        return delegate.isEndRequired();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return delegate.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
