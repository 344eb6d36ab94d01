package ai.vtry.common.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class TraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    private static Context withSpan(TraceFlags flags, TraceState state) {
        return Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, flags, state)));
    }

    @Test
    void capturesTheSpansTraceparentAndTracestate() {
        TraceContext captured = TraceContext.of(withSpan(TraceFlags.getSampled(),
                TraceState.builder().put("vtry", "1").build()));

        assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-01", captured.traceparent());
        assertEquals("vtry=1", captured.tracestate());
        assertFalse(captured.isEmpty());
    }

    @Test
    void anUnsampledSpanIsCapturedTooAndAnEmptyTracestateIsNull() {
        TraceContext captured = TraceContext.of(withSpan(TraceFlags.getDefault(), TraceState.getDefault()));

        assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-00", captured.traceparent());
        assertNull(captured.tracestate());
    }

    @Test
    void currentCapturesTheCurrentSpan() {
        try (Scope ignored = withSpan(TraceFlags.getSampled(), TraceState.getDefault()).makeCurrent()) {
            assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-01", TraceContext.current().traceparent());
        }
        assertSame(TraceContext.NONE, TraceContext.current());
    }

    @Test
    void outsideAnySpanThereIsNothingToCapture() {
        TraceContext captured = TraceContext.of(Context.root());

        assertSame(TraceContext.NONE, captured);
        assertTrue(captured.isEmpty());
    }

    @Test
    void restoreMakesTheCapturedSpanTheRemoteParent() {
        Context restored = new TraceContext("00-" + TRACE_ID + "-" + SPAN_ID + "-01", "vtry=1,other=2").restore();

        SpanContext parent = Span.fromContext(restored).getSpanContext();
        assertTrue(parent.isValid());
        assertTrue(parent.isRemote());
        assertTrue(parent.isSampled());
        assertEquals(TRACE_ID, parent.getTraceId());
        assertEquals(SPAN_ID, parent.getSpanId());
        assertEquals("1", parent.getTraceState().get("vtry"));
        assertEquals("2", parent.getTraceState().get("other"));
    }

    @Test
    void captureAfterRestoreGivesTheSameValues() {
        TraceContext stored = new TraceContext("00-" + TRACE_ID + "-" + SPAN_ID + "-00", "vtry=1");

        assertEquals(stored, TraceContext.of(stored.restore()));
    }

    @Test
    void nothingOrSomethingUnreadableRestoresTheRootContext() {
        assertSame(Context.root(), TraceContext.NONE.restore());
        assertFalse(Span.fromContext(new TraceContext("not-a-traceparent", null).restore()).getSpanContext().isValid());
        assertFalse(Span.fromContext(new TraceContext("00-" + "0".repeat(32) + "-" + SPAN_ID + "-01", null).restore())
                .getSpanContext().isValid());
    }
}
