package ai.vtry.webhook.messaging;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.EventJson;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.Redelivery;
import ai.vtry.common.logging.LogContext;
import ai.vtry.jobapi.JobWebhook;
import ai.vtry.webhook.delivery.DeliveryRunner;
import ai.vtry.webhook.delivery.Payloads;
import ai.vtry.webhook.repository.DeliveryRepository;
import ai.vtry.webhook.signing.WebhookSignature;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finished jobs (topic job-completed, consumer group webhook-service): each becomes one delivery per
 * endpoint of its workspace that takes its type ({@code job.completed}, {@code job.failed},
 * {@code job.cancelled}), recorded before the offset is committed, sent at once. A redelivered event
 * adds nothing (one delivery per event and endpoint); an unreadable one goes to job-completed.dlq.
 */
@ApplicationScoped
public class JobCompletedConsumer {

    private final DeliveryRepository deliveries;
    private final Payloads payloads;
    private final DeliveryRunner runner;
    private final ObjectMapper json;

    public JobCompletedConsumer(DeliveryRepository deliveries, Payloads payloads, DeliveryRunner runner,
            ObjectMapper json) {
        this.deliveries = deliveries;
        this.payloads = payloads;
        this.runner = runner;
        this.json = json;
    }

    @Incoming("job-completed")
    public Uni<Void> on(String message) {
        return Uni.createFrom().item(() -> EventJson.parse(json, message, JobCompleted.class)).chain(this::record);
    }

    /** One delivery per matching endpoint, and one to the job's own webhookUrl if its request named one. */
    private Uni<Integer> record(JobCompleted event, String payload, Instant now) {
        String type = Payloads.typeOf(event);
        String eventId = event.eventId().toString();
        Uni<Integer> toEndpoints = deliveries.enqueue(event.workspaceId(), eventId, type, event.jobId(), payload, now);
        if (event.parameters() == null || !(event.parameters().get(JobWebhook.FIELD) instanceof String url)) {
            return toEndpoints;
        }
        return toEndpoints.chain(added -> deliveries.enqueueRequested(event.workspaceId(), url, eventId, type,
                event.jobId(), payload, WebhookSignature.newSecret(), now).map(requested -> added + requested));
    }

    private Uni<Void> record(JobCompleted event) {
        if (event.job() == null) {
            // Written by a job-service older than webhooks: there is no job body to deliver.
            Log.warnf("job-completed event %s has no job body: no webhook", event.eventId());
            return Uni.createFrom().voidItem();
        }
        // A database hiccup is retried here, not dead-lettered: a lost event is a webhook never sent.
        return LogContext.withJob(event.jobId(), event.workspaceId(), () -> Redelivery.withRetries(
                "Webhooks of job " + event.jobId(), () -> record(event, payloads.of(event), Instant.now()))
                .invoke(added -> {
                    if (added > 0) {
                        runner.wake();
                    }
                })
                .replaceWithVoid());
    }
}
