package ai.vtry.common.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;

class ExportSamplerTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static SamplingDecision decide(boolean enabled, Context parent, SpanKind kind) {
        return decide(enabled ? Switches.OTLP : Switches.OFF, parent, kind);
    }

    private static SamplingDecision decide(TracingConfig switches, Context parent, SpanKind kind) {
        return new ExportSampler(switches)
                .shouldSample(parent, TRACE_ID, "span", kind, Attributes.empty(), List.of())
                .getDecision();
    }

    private static Context parent(boolean sampled) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    }

    @Test
    void offNothingIsRecordedNotEvenWhatTheCallerSampled() {
        for (SpanKind kind : SpanKind.values()) {
            assertEquals(SamplingDecision.DROP, decide(false, Context.root(), kind), kind.name());
            assertEquals(SamplingDecision.DROP, decide(false, parent(true), kind), kind.name());
        }
    }

    @Test
    void onTracesStartAtRequestsAndMessagesOnly() {
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(true, Context.root(), SpanKind.SERVER));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(true, Context.root(), SpanKind.CONSUMER));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(true, Context.root(), SpanKind.PRODUCER));
        // the outbox relay's polling, a health check's query: no trace of their own
        assertEquals(SamplingDecision.DROP, decide(true, Context.root(), SpanKind.CLIENT));
        assertEquals(SamplingDecision.DROP, decide(true, Context.root(), SpanKind.INTERNAL));
    }

    @Test
    void onASpanFollowsItsParent() {
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(true, parent(true), SpanKind.CLIENT));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(true, parent(true), SpanKind.INTERNAL));
        assertEquals(SamplingDecision.DROP, decide(true, parent(false), SpanKind.SERVER));
    }

    @Test
    void theLogAloneRecordsAsOtlpDoes() {
        for (Switches switches : new Switches[] { Switches.LOG, Switches.BOTH }) {
            assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(switches, Context.root(), SpanKind.SERVER));
            assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(switches, parent(true), SpanKind.CLIENT));
            assertEquals(SamplingDecision.DROP, decide(switches, Context.root(), SpanKind.INTERNAL));
        }
    }
}
