package ai.vtry.client.model;

import java.util.List;

/**
 * A page of an endpoint's deliveries, newest first.
 *
 * @param total deliveries of the endpoint
 * @param totalPages pages of this {@code pageSize}
 */
public record WebhookDeliveryPage(List<WebhookDelivery> deliveries, int page, int pageSize, int total, int totalPages) {
}
