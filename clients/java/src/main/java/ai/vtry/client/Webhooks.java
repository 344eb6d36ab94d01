package ai.vtry.client;

import static ai.vtry.client.Transport.query;
import static ai.vtry.client.Transport.segment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.CreateWebhookRequest;
import ai.vtry.client.model.UpdateWebhookRequest;
import ai.vtry.client.model.Webhook;
import ai.vtry.client.model.WebhookDeleted;
import ai.vtry.client.model.WebhookDelivery;
import ai.vtry.client.model.WebhookDeliveryPage;
import ai.vtry.client.model.WebhookSecret;

/**
 * The workspace's webhook endpoints ({@code /api/v1/webhooks}): URLs that Vtry POSTs job events to, signed
 * per the Standard Webhooks specification with the endpoint's secret, and the log of each endpoint's
 * deliveries. A receiver checks each delivery with {@link WebhookVerifier}.
 */
public final class Webhooks {

    private final Transport transport;

    Webhooks(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates an endpoint. The answer is the only one that carries its signing secret
     * ({@link Webhook#secret()}): keep it for the receiver's {@link WebhookVerifier}.
     *
     * @throws ConflictException {@code tooManyWebhooks}: the workspace has 20 endpoints already
     */
    public Webhook create(CreateWebhookRequest request) {
        return transport.post("/webhooks", request, request.idempotencyKey(), Webhook.class);
    }

    /** The workspace's endpoints, oldest first, without their secrets. */
    public List<Webhook> list() {
        return transport.get("/webhooks", Map.of(), WebhookList.class).webhooks();
    }

    /** One endpoint, without its secret. */
    public Webhook get(String webhookId) {
        return transport.get(path(webhookId), Map.of(), Webhook.class);
    }

    /**
     * Changes what the request sets, nothing else; enabling a disabled endpoint gives it a fresh start. Like
     * every PATCH it is not retried.
     */
    public Webhook update(String webhookId, UpdateWebhookRequest request) {
        return transport.patch(path(webhookId), request, Webhook.class);
    }

    /** Deletes an endpoint; nothing more is sent to it. */
    public WebhookDeleted delete(String webhookId) {
        return transport.delete(path(webhookId), null, WebhookDeleted.class);
    }

    /**
     * A new signing secret, shown only in this answer. For 24 hours deliveries carry a signature of each, the
     * new and the previous secret, so a receiver can switch to the new one meanwhile.
     */
    public WebhookSecret rotateSecret(String webhookId) {
        return transport.post(path(webhookId) + "/rotate-secret", null, null, WebhookSecret.class);
    }

    /**
     * A new secret for the webhooks single requests ask for ({@code webhookUrl} on compose, clothes,
     * generations and edits), shown this once; the previous one keeps signing beside it for 24 hours.
     */
    public String rotateRequestSecret() {
        return transport.post("/webhooks/request-secret", null, null, RequestSecret.class).secret();
    }

    private record RequestSecret(String secret) {
    }

    /**
     * Sends a {@link Webhook#TEST_EVENT} to the endpoint now, whatever its events; the answer is the
     * delivery as it was queued ({@code pending}), to follow in {@link #deliveries(String)}.
     */
    public WebhookDelivery sendTest(String webhookId) {
        return transport.post(path(webhookId) + "/test", null, null, WebhookDelivery.class);
    }

    /** The first page (20) of the endpoint's deliveries, newest first. */
    public WebhookDeliveryPage deliveries(String webhookId) {
        return transport.get(path(webhookId) + "/deliveries", Map.of(), WebhookDeliveryPage.class);
    }

    /**
     * A page of the endpoint's deliveries, newest first.
     *
     * @param page from 1; past the last page the list is empty
     * @param pageSize 1 to 100
     */
    public WebhookDeliveryPage deliveries(String webhookId, int page, int pageSize) {
        return transport.get(path(webhookId) + "/deliveries", query("page", page, "pageSize", pageSize),
                WebhookDeliveryPage.class);
    }

    /**
     * Sends a delivery once more, now, with the same {@code webhook-id} (receivers that saw it may skip it);
     * the answer is the delivery, {@code pending} again.
     */
    public WebhookDelivery redeliver(String webhookId, String deliveryId) {
        return transport.post(path(webhookId) + "/deliveries/" + segment(deliveryId) + "/redeliver", null, null,
                WebhookDelivery.class);
    }

    /** {@link #create(CreateWebhookRequest)}, asynchronously. */
    public CompletableFuture<Webhook> createAsync(CreateWebhookRequest request) {
        return transport.async(() -> create(request));
    }

    /** {@link #list()}, asynchronously. */
    public CompletableFuture<List<Webhook>> listAsync() {
        return transport.async(this::list);
    }

    /** {@link #get(String)}, asynchronously. */
    public CompletableFuture<Webhook> getAsync(String webhookId) {
        return transport.async(() -> get(webhookId));
    }

    /** {@link #update(String, UpdateWebhookRequest)}, asynchronously. */
    public CompletableFuture<Webhook> updateAsync(String webhookId, UpdateWebhookRequest request) {
        return transport.async(() -> update(webhookId, request));
    }

    /** {@link #delete(String)}, asynchronously. */
    public CompletableFuture<WebhookDeleted> deleteAsync(String webhookId) {
        return transport.async(() -> delete(webhookId));
    }

    /** {@link #rotateSecret(String)}, asynchronously. */
    public CompletableFuture<WebhookSecret> rotateSecretAsync(String webhookId) {
        return transport.async(() -> rotateSecret(webhookId));
    }

    /** {@link #rotateRequestSecret()}, asynchronously. */
    public CompletableFuture<String> rotateRequestSecretAsync() {
        return transport.async(this::rotateRequestSecret);
    }

    /** {@link #sendTest(String)}, asynchronously. */
    public CompletableFuture<WebhookDelivery> sendTestAsync(String webhookId) {
        return transport.async(() -> sendTest(webhookId));
    }

    /** {@link #deliveries(String)}, asynchronously. */
    public CompletableFuture<WebhookDeliveryPage> deliveriesAsync(String webhookId) {
        return transport.async(() -> deliveries(webhookId));
    }

    /** {@link #deliveries(String, int, int)}, asynchronously. */
    public CompletableFuture<WebhookDeliveryPage> deliveriesAsync(String webhookId, int page, int pageSize) {
        return transport.async(() -> deliveries(webhookId, page, pageSize));
    }

    /** {@link #redeliver(String, String)}, asynchronously. */
    public CompletableFuture<WebhookDelivery> redeliverAsync(String webhookId, String deliveryId) {
        return transport.async(() -> redeliver(webhookId, deliveryId));
    }

    private static String path(String webhookId) {
        return "/webhooks/" + segment(webhookId);
    }

    private record WebhookList(List<Webhook> webhooks) {
    }
}
