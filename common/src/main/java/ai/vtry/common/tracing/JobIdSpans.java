package ai.vtry.common.tracing;

import org.jboss.logging.MDC;

import ai.vtry.common.logging.LogContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;

/**
 * Names the job a span worked on ({@value LogSpanExporter#JOB_ID}) on every recorded span that starts
 * while the MDC names one ({@link LogContext#withJob}): the database calls, REST calls and outbox writes
 * of a job's consumer or worker. The span that was already open when the job became known gets it from
 * {@link LogContext#put}; the Kafka connector's consumer spans never do, as they end before the
 * {@code @Incoming} method runs.
 */
@Singleton
@Unremovable
public class JobIdSpans implements SpanProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        Object jobId = MDC.get(LogContext.JOB_ID);
        if (jobId != null) {
            span.setAttribute(LogSpanExporter.JOB_ID, jobId.toString());
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
