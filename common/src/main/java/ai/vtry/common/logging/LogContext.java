package ai.vtry.common.logging;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jboss.logging.MDC;

import ai.vtry.common.tracing.LogSpanExporter;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

/**
 * What a log line is about, in the MDC: the job and the workspace, next to the {@code traceId} and
 * {@code spanId} that quarkus-opentelemetry puts there. The console format prints them
 * ({@code %X{jobId}}), JSON logs carry them under {@code mdc}.
 *
 * <p>On a Vert.x duplicated context (an HTTP request, a Kafka record) the MDC belongs to that
 * context, so keys set here follow the whole reactive chain and never leak to another request.
 * {@link #with} restores the previous values when the work ends, for callers on plain threads.
 */
public final class LogContext {

    public static final String JOB_ID = "jobId";
    public static final String WORKSPACE_ID = "workspaceId";
    public static final String REQUEST_ID = "requestId";

    /** The keys {@link #with} restores when its work ends, also if the work set them itself. */
    private static final List<String> KEYS = List.of(JOB_ID, WORKSPACE_ID);

    /** Runs {@code work} with {@code jobId} and {@code workspaceId} (each if not null) in the MDC. */
    public static <T> Uni<T> withJob(String jobId, String workspaceId, Supplier<Uni<T>> work) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(JOB_ID, jobId);
        entries.put(WORKSPACE_ID, workspaceId);
        return with(entries, work);
    }

    /**
     * Runs {@code work} with {@code entries} in the MDC (null values are skipped); once it ends, with
     * an item, a failure or a cancellation, the keys it touched have their previous values again.
     */
    public static <T> Uni<T> with(Map<String, String> entries, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Map<String, Object> previous = new HashMap<>();
            for (String key : KEYS) {
                previous.put(key, MDC.get(key));
            }
            for (String key : entries.keySet()) {
                previous.put(key, MDC.get(key));
            }
            entries.forEach(LogContext::put);
            return Uni.createFrom().<T>deferred(work::get).onTermination().invoke(() -> restore(previous));
        });
    }

    /**
     * Adds {@code key} to the MDC of the current unit of work (ignored if {@code value} is null). A job id
     * also goes on the current span (attribute {@value LogSpanExporter#JOB_ID}), so a trace shows which
     * spans worked on which job; spans started later get it from {@code JobIdSpans}. A no-op where no
     * span is recorded, or where the current span has already ended (the Kafka connector's consumer spans).
     */
    public static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
            if (JOB_ID.equals(key)) {
                Span.current().setAttribute(LogSpanExporter.JOB_ID, value);
            }
        }
    }

    private static void restore(Map<String, Object> previous) {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    private LogContext() {
    }
}
