package ai.vtry.client.model;

/** A deleted webhook endpoint: nothing more is sent to it. */
public record WebhookDeleted(String id, boolean deleted) {
}
