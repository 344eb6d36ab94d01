package ai.vtry.gateway.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.logging.LogContext;
import ai.vtry.gateway.limit.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic {@code job-completed}): a generation that completed or failed frees its
 * account's generation slot. Other kinds never took one. An unreadable record goes to
 * {@code job-completed.dlq}; a slot whose release fails (Redis down) expires by itself.
 */
@ApplicationScoped
public class JobCompletedConsumer {

    private final RateLimiter limiter;
    private final ObjectMapper json;

    public JobCompletedConsumer(RateLimiter limiter, ObjectMapper json) {
        this.limiter = limiter;
        this.json = json;
    }

    @Incoming("job-completed")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobCompleted.class))
                .chain(event -> LogContext.withJob(event.jobId(), event.workspaceId(),
                        () -> event.kind() == JobKind.GENERATION && event.status().terminal()
                                ? Uni.createFrom().completionStage(
                                        limiter.jobFinished(event.userId(), event.jobId()).toCompletionStage())
                                : Uni.createFrom().voidItem()));
    }
}
