package ai.vtry.common.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * A span's W3C trace context, the values of the {@code traceparent} and {@code tracestate} headers,
 * kept where no instrumentation carries it: an outbox row, written in one transaction and sent to
 * Kafka later by the relay. {@link #current()} takes it where the event is written, {@link #restore()}
 * gives the relay a parent to continue the trace from.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** No trace: the relay starts a new one. */
    public static final TraceContext NONE = new TraceContext(null, null);

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The trace context of the current span; {@link #NONE} if there is none (or tracing is off). */
    public static TraceContext current() {
        return of(Context.current());
    }

    /** The trace context of the span in {@code context}; {@link #NONE} if it holds no valid span. */
    public static TraceContext of(Context context) {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, (map, key, value) -> map.put(key, value));
        String traceparent = carrier.get(TRACEPARENT);
        return traceparent == null ? NONE : new TraceContext(traceparent, emptyToNull(carrier.get(TRACESTATE)));
    }

    /**
     * The captured span as the (remote) parent of whatever comes next; the root context, so a new
     * trace, if nothing was captured or the value is not a valid {@code traceparent}.
     */
    public Context restore() {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3C.extract(Context.root(), carrier, GETTER);
    }

    public boolean isEmpty() {
        return traceparent == null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
