package ai.vtry.person.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.person.service.PersonService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic {@code job-completed}): a completed person-compose job gives its person a
 * composite. Every other job is none of our business. Acknowledged only after the commit; an
 * unreadable record goes to {@code job-completed.dlq}.
 */
@ApplicationScoped
public class JobCompletedConsumer {

    private final PersonService service;

    public JobCompletedConsumer(PersonService service) {
        this.service = service;
    }

    @Incoming("job-completed")
    public Uni<Void> on(JobCompleted event) {
        if (event == null) {
            // The record could not be deserialized: failing sends it to job-completed.dlq.
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable job-completed record"));
        }
        if (event.kind() != JobKind.PERSON_COMPOSE || event.status() != JobStatus.COMPLETED) {
            return Uni.createFrom().voidItem();
        }
        return service.applyComposite(event);
    }
}
