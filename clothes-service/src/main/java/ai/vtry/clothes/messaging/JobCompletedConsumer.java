package ai.vtry.clothes.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.clothes.service.ClothesService;
import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.Redelivery;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.logging.LogContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic {@code job-completed}): a finished extraction's input is deleted, whether the
 * job COMPLETED, FAILED or CANCELLED (the cloth itself comes earlier, from {@link JobResultConsumer}). Every other
 * job is none of our business; deleting is idempotent, so a redelivery is harmless.
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
                .chain(event -> LogContext.withJob(event.jobId(), event.workspaceId(), () -> Redelivery.withRetries("Input of job " + event.jobId(), () -> service.removeInput(event))));
    }
}
