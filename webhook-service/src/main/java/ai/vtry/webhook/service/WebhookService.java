package ai.vtry.webhook.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.fetch.AddressPolicy;
import ai.vtry.common.fetch.SafeUrlFetcher;
import ai.vtry.common.id.Ids;
import ai.vtry.webhook.config.WebhooksConfig;
import ai.vtry.webhook.delivery.DeliveryRunner;
import ai.vtry.webhook.delivery.Payloads;
import ai.vtry.webhook.entity.Delivery;
import ai.vtry.webhook.entity.Endpoint;
import ai.vtry.webhook.repository.DeliveryRepository;
import ai.vtry.webhook.repository.EndpointRepository;
import ai.vtry.webhook.signing.WebhookSignature;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * /api/v1/webhooks: a workspace's endpoints (another workspace's are not found), their secrets,
 * test events, and the delivery log with redelivery.
 */
@ApplicationScoped
public class WebhookService {

    /** A page of an endpoint's deliveries, newest first. */
    public record DeliveryPage(List<Delivery> deliveries, int page, int pageSize, int total) {
    }

    private final EndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final Payloads payloads;
    private final DeliveryRunner runner;
    private final WebhooksConfig config;
    private final AddressPolicy policy;

    public WebhookService(EndpointRepository endpoints, DeliveryRepository deliveries, Payloads payloads,
            DeliveryRunner runner, WebhooksConfig config, SafeUrlFetcher.Config fetch) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.payloads = payloads;
        this.runner = runner;
        this.config = config;
        this.policy = AddressPolicy.allowing(fetch.allowHosts().orElse(""));
    }

    public Uni<Endpoint> create(Caller caller, String url, List<String> events, String description) {
        return checked(() -> {
            FieldErrors errors = new FieldErrors();
            String checkedUrl = WebhookRequests.url(errors, url, policy);
            List<String> checkedEvents = WebhookRequests.events(errors, events);
            WebhookRequests.description(errors, description);
            errors.throwIfAny();
            Instant now = Instant.now();
            return new Endpoint(Ids.newId("wh"), caller.workspaceId(), checkedUrl, blankToNull(description),
                    checkedEvents, true, null, WebhookSignature.newSecret(), null, null, null, now, now);
        }).chain(endpoint -> endpoints.insert(endpoint, config.maxEndpoints())).map(created -> {
            if (created == null) {
                throw new ApiException(409, "tooManyWebhooks", "A workspace has at most " + config.maxEndpoints()
                        + " webhook endpoints; delete one first", Map.of("limit", config.maxEndpoints()));
            }
            return created;
        });
    }

    public Uni<List<Endpoint>> list(Caller caller) {
        return endpoints.list(caller.workspaceId());
    }

    public Uni<Endpoint> get(Caller caller, String id) {
        return endpoints.find(id, caller.workspaceId()).map(endpoint -> found(endpoint, id));
    }

    /**
     * Changes what the request names (an unknown endpoint is a 404 before any field is checked);
     * enabling a disabled endpoint gives it a fresh start.
     */
    public Uni<Endpoint> update(Caller caller, String id, String url, List<String> events, String description,
            Boolean enabled) {
        return get(caller, id).chain(existing -> checked(() -> {
            FieldErrors errors = new FieldErrors();
            String checkedUrl = url == null ? null : WebhookRequests.url(errors, url, policy);
            List<String> checkedEvents = events == null ? null : WebhookRequests.events(errors, events);
            WebhookRequests.description(errors, description);
            errors.throwIfAny();
            return new Changes(checkedUrl, checkedEvents);
        })).chain(changes -> endpoints.update(id, caller.workspaceId(), changes.url(), description, changes.events(),
                enabled, Instant.now()))
                .map(endpoint -> found(endpoint, id));
    }

    /** The checked url and events of a PATCH; null where the request left them alone. */
    private record Changes(String url, List<String> events) {
    }

    public Uni<Void> delete(Caller caller, String id) {
        return endpoints.delete(id, caller.workspaceId()).invoke(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("Webhook", id);
            }
        }).replaceWithVoid();
    }

    /** A new secret, shown once; the old one keeps signing beside it for the overlap (24 h). */
    public Uni<Endpoint> rotateSecret(Caller caller, String id) {
        Instant now = Instant.now();
        return endpoints.rotate(id, caller.workspaceId(), WebhookSignature.newSecret(), now.plus(config.secretOverlap()), now)
                .map(endpoint -> found(endpoint, id));
    }

    /**
     * A new secret for the workspace's per-request webhooks (a request's webhookUrl), shown this once;
     * the previous one keeps signing beside it for the overlap (24 h).
     */
    public Uni<String> rotateRequestSecret(Caller caller) {
        Instant now = Instant.now();
        return deliveries.rotateRequestSecret(caller.workspaceId(), WebhookSignature.newSecret(),
                now.plus(config.secretOverlap()), now);
    }

    /** Sends a {@code webhook.test} event to the endpoint, whatever its events, now. */
    public Uni<Delivery> sendTest(Caller caller, String id) {
        Instant now = Instant.now();
        return enabled(caller, id)
                .chain(endpoint -> deliveries.enqueueTo(endpoint, UUID.randomUUID().toString(), Payloads.TEST,
                        payloads.test(endpoint, now), now))
                .invoke(runner::wake);
    }

    public Uni<DeliveryPage> deliveries(Caller caller, String id, int page, int pageSize) {
        return get(caller, id).chain(endpoint -> Uni.combine().all()
                .unis(deliveries.page(id, caller.workspaceId(), page, pageSize), deliveries.count(id, caller.workspaceId()))
                .with((list, total) -> new DeliveryPage(list, page, pageSize, total)));
    }

    /** The delivery once more, now, with the same webhook-id (receivers that saw it ignore it). */
    public Uni<Delivery> redeliver(Caller caller, String id, String deliveryId) {
        return enabled(caller, id)
                .chain(endpoint -> deliveries.redeliver(deliveryId, id, caller.workspaceId(), Instant.now()))
                .map(delivery -> {
                    if (delivery == null) {
                        throw ApiException.notFound("Delivery", deliveryId);
                    }
                    return delivery;
                })
                .invoke(runner::wake);
    }

    /** The endpoint, if it may be sent to now: a disabled one answers 409 (enable it first). */
    private Uni<Endpoint> enabled(Caller caller, String id) {
        return get(caller, id).invoke(endpoint -> {
            if (!endpoint.enabled()) {
                throw new ApiException(409, "webhookDisabled", "Webhook " + id + " is disabled"
                        + (endpoint.disabledReason() == null ? "" : " (" + endpoint.disabledReason() + ")")
                        + ": enable it with PATCH {\"enabled\": true} first", Map.of("id", id));
            }
        });
    }

    /** Validation resolves host names: it runs on a worker thread, never on the event loop. */
    private static <T> Uni<T> checked(Supplier<T> validation) {
        return Uni.createFrom().item(validation).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Endpoint found(Endpoint endpoint, String id) {
        if (endpoint == null) {
            throw ApiException.notFound("Webhook", id);
        }
        return endpoint;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
