package ai.vtry.common.tracing;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;

/**
 * Decides which spans are recorded, and so exported; quarkus-opentelemetry takes a {@link Sampler}
 * bean in place of {@code quarkus.otel.traces.sampler}. Unrecorded spans still get ids that are
 * propagated, which is what the logs' {@code traceId} relies on.
 *
 * <ul>
 * <li>{@code vtry.tracing.enabled} and {@code vtry.tracing.log-spans} both false (the default):
 * nothing is recorded.</li>
 * <li>either true ({@link TracingConfig#recording()}): a span follows its parent's decision; a trace starts only at an entry point
 * (an HTTP request, a Kafka record, an outbox event sent without a captured context), never at a
 * database or Redis call of background work such as the outbox relay's polling.</li>
 * </ul>
 */
@Singleton
public class ExportSampler implements Sampler {

    private final Sampler delegate;

    public ExportSampler(TracingConfig config) {
        this.delegate = config.recording() ? Sampler.parentBased(new EntryPoints()) : Sampler.alwaysOff();
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "VtryExportSampler{" + delegate.getDescription() + "}";
    }

    /** Root spans: recorded for server, consumer and producer spans only. */
    static final class EntryPoints implements Sampler {

        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                Attributes attributes, List<LinkData> parentLinks) {
            return switch (spanKind) {
                case SERVER, CONSUMER, PRODUCER -> SamplingResult.recordAndSample();
                case CLIENT, INTERNAL -> SamplingResult.drop();
            };
        }

        @Override
        public String getDescription() {
            return "EntryPoints";
        }
    }
}
