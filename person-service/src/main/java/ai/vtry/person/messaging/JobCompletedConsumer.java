package ai.vtry.person.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.logging.LogContext;
import ai.vtry.person.service.PersonService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic {@code job-completed}): a completed person-compose job gives its person a
 * composite. Every other job is none of our business. Acknowledged only after the commit; an
 * unreadable record goes to {@code job-completed.dlq}. Logs name the job and its workspace (MDC).
 */
@ApplicationScoped
public class JobCompletedConsumer {

    private final PersonService service;
    private final ObjectMapper json;

    public JobCompletedConsumer(PersonService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("job-completed")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobCompleted.class))
                .chain(event -> LogContext.withJob(event.jobId(), event.workspaceId(),
                        () -> event.kind() == JobKind.PERSON_COMPOSE && event.status() == JobStatus.COMPLETED
                                ? service.applyComposite(event)
                                : Uni.createFrom().voidItem()));
    }
}
