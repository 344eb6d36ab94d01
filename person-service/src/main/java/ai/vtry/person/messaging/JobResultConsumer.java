package ai.vtry.person.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.Redelivery;
import ai.vtry.common.event.JobResult;
import ai.vtry.common.logging.LogContext;
import ai.vtry.person.service.PersonService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Results to apply before their job completes (topic {@code job-results}): a compose job's composite
 * becomes its person's. Results for other services are none of our business. Acknowledged only after
 * the commit; an unreadable record goes to {@code job-results.dlq} (and its job fails). Logs name the
 * job and its workspace (MDC).
 */
@ApplicationScoped
public class JobResultConsumer {

    private final PersonService service;
    private final ObjectMapper json;

    public JobResultConsumer(PersonService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("job-results")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobResult.class))
                .chain(result -> LogContext.withJob(result.jobId(), result.workspaceId(),
                        () -> JobResult.PERSON_SERVICE.equals(result.owner())
                                ? Redelivery.withRetries("Result of job " + result.jobId(), () -> service.applyComposite(result))
                                : Uni.createFrom().voidItem()));
    }
}
