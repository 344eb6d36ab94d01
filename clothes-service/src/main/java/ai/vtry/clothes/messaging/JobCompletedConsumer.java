package ai.vtry.clothes.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.clothes.service.ClothesService;
import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.logging.LogContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic {@code job-completed}): a clothes-upload or clothes-extract job, or an edit of
 * a cloth asked with saveAsClothes, adds a cloth to its workspace's library. Every other job is none
 * of our business. Acknowledged only after the commit; an unreadable record goes to
 * {@code job-completed.dlq}. Logs name the job and its workspace (MDC).
 */
@ApplicationScoped
public class JobCompletedConsumer {

    private final ClothesService service;
    private final ObjectMapper json;

    public JobCompletedConsumer(ClothesService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("job-completed")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobCompleted.class))
                .chain(event -> LogContext.withJob(event.jobId(), event.workspaceId(),
                        () -> ClothesService.addsCloth(event)
                                ? service.recordFinishedJob(event)
                                : Uni.createFrom().voidItem()));
    }
}
