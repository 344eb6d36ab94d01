package ai.vtry.webhook.rest;

import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.time.Timestamps;
import ai.vtry.webhook.entity.Delivery;
import ai.vtry.webhook.entity.Endpoint;
import ai.vtry.webhook.service.WebhookService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/**
 * /api/v1/webhooks (docs/api-reference.md, "Webhooks"): the workspace's endpoints, their signing
 * secret (shown on creation and rotation only), test events, and each endpoint's delivery log.
 */
@Path("/api/v1/webhooks")
public class WebhookResource {

    public record CreateWebhook(String url, List<String> events, String description) {
    }

    public record UpdateWebhook(String url, List<String> events, String description, Boolean enabled) {
    }

    /** An endpoint as the API shows it; {@code secret} only in the answer that creates it. */
    public record WebhookView(String id, String url, String description, List<String> events, boolean enabled,
            String disabledReason, String failingSince, String createdAt, String updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

        static WebhookView of(Endpoint e, boolean withSecret) {
            return new WebhookView(e.id(), e.url(), e.description(), e.events(), e.enabled(), e.disabledReason(),
                    Timestamps.format(e.failingSince()), Timestamps.format(e.createdAt()), Timestamps.format(e.updatedAt()),
                    withSecret ? e.secret() : null);
        }
    }

    public record WebhookList(List<WebhookView> webhooks) {
    }

    public record Deleted(String id, boolean deleted) {
    }

    public record Rotated(String id, String secret, String previousSecretExpiresAt) {
    }

    /** The workspace's secret for per-request webhooks. */
    public record RequestSecret(String secret) {
    }

    public record DeliveryView(String id, String webhookId, String eventId, String type, String jobId, String status,
            int attempts, Integer lastStatusCode, String lastError, String lastAttemptAt, String nextAttemptAt,
            String deliveredAt, String createdAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.jobId(), d.status(), d.attempts(),
                    d.lastStatusCode(), d.lastError(), Timestamps.format(d.lastAttemptAt()),
                    "pending".equals(d.status()) ? Timestamps.format(d.nextAttemptAt()) : null,
                    Timestamps.format(d.deliveredAt()), Timestamps.format(d.createdAt()));
        }
    }

    public record DeliveryList(List<DeliveryView> deliveries, int page, int pageSize, int total, int totalPages) {
    }

    private static final int MAX_PAGE_SIZE = 100;

    private final WebhookService service;
    private final JsonWebToken token;

    public WebhookResource(WebhookService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<WebhookView>> create(CreateWebhook body) {
        CreateWebhook sent = body == null ? new CreateWebhook(null, null, null) : body;
        return service.create(Caller.of(token), sent.url(), sent.events(), sent.description())
                .map(endpoint -> RestResponse.status(RestResponse.Status.CREATED, WebhookView.of(endpoint, true)));
    }

    @GET
    public Uni<WebhookList> list() {
        return service.list(Caller.of(token))
                .map(all -> new WebhookList(all.stream().map(e -> WebhookView.of(e, false)).toList()));
    }

    @GET
    @Path("/{id}")
    public Uni<WebhookView> get(@RestPath String id) {
        return service.get(Caller.of(token), id).map(e -> WebhookView.of(e, false));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<WebhookView> update(@RestPath String id, UpdateWebhook body) {
        UpdateWebhook sent = body == null ? new UpdateWebhook(null, null, null, null) : body;
        return service.update(Caller.of(token), id, sent.url(), sent.events(), sent.description(), sent.enabled())
                .map(e -> WebhookView.of(e, false));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Deleted> delete(@RestPath String id) {
        return service.delete(Caller.of(token), id).replaceWith(new Deleted(id, true));
    }

    @POST
    @Path("/{id}/rotate-secret")
    public Uni<Rotated> rotateSecret(@RestPath String id) {
        return service.rotateSecret(Caller.of(token), id)
                .map(e -> new Rotated(e.id(), e.secret(), Timestamps.format(e.previousSecretUntil())));
    }

    /** A new secret for the webhooks that requests ask for with webhookUrl; the old one signs 24 h more. */
    @POST
    @Path("/request-secret")
    public Uni<RequestSecret> rotateRequestSecret() {
        return service.rotateRequestSecret(Caller.of(token)).map(RequestSecret::new);
    }

    @POST
    @Path("/{id}/test")
    public Uni<RestResponse<DeliveryView>> test(@RestPath String id) {
        return service.sendTest(Caller.of(token), id)
                .map(delivery -> RestResponse.status(RestResponse.Status.ACCEPTED, DeliveryView.of(delivery)));
    }

    @GET
    @Path("/{id}/deliveries")
    public Uni<DeliveryList> deliveries(@RestPath String id, @RestQuery String page, @RestQuery String pageSize) {
        FieldErrors errors = new FieldErrors();
        int p = errors.positiveInt("page", page, 1, Integer.MAX_VALUE);
        int size = errors.positiveInt("pageSize", pageSize, 20, MAX_PAGE_SIZE);
        errors.throwIfAny();
        return service.deliveries(Caller.of(token), id, p, size).map(found -> new DeliveryList(
                found.deliveries().stream().map(DeliveryView::of).toList(), found.page(), found.pageSize(), found.total(),
                (found.total() + found.pageSize() - 1) / found.pageSize()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    public Uni<RestResponse<DeliveryView>> redeliver(@RestPath String id, @RestPath String deliveryId) {
        return service.redeliver(Caller.of(token), id, deliveryId)
                .map(delivery -> RestResponse.status(RestResponse.Status.ACCEPTED, DeliveryView.of(delivery)));
    }
}
