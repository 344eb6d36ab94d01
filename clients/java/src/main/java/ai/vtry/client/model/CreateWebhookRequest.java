package ai.vtry.client.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A new webhook endpoint ({@code POST /api/v1/webhooks}). The API checks every field and names each wrong
 * one; a workspace has at most 20 endpoints.
 *
 * @param url required: an absolute https (or http) URL on port 443 (or 80) whose host resolves to public
 *        addresses only, without credentials
 * @param events required: one or more of {@link Webhook#JOB_COMPLETED}, {@link Webhook#JOB_FAILED},
 *        {@link Webhook#JOB_CANCELLED}, or {@link Webhook#ALL_EVENTS}
 * @param description up to 500 characters, or null
 * @param idempotencyKey sent as {@code Idempotency-Key}, not in the body; null to let the client pick a new
 *        one per call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateWebhookRequest(String url, List<String> events, String description,
        @JsonIgnore String idempotencyKey) {

    public CreateWebhookRequest {
        events = List.copyOf(events);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateWebhookRequest}. */
    public static final class Builder {
        private String url;
        private final List<String> events = new ArrayList<>();
        private String description;
        private String idempotencyKey;

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Adds an event type, e.g. {@link Webhook#JOB_COMPLETED}. */
        public Builder event(String event) {
            events.add(event);
            return this;
        }

        /** The event types, replacing those added so far. */
        public Builder events(List<String> events) {
            this.events.clear();
            this.events.addAll(events);
            return this;
        }

        /** The event types, replacing those added so far. */
        public Builder events(String... events) {
            return events(List.of(events));
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The operation's key: sending a request with the same key again creates nothing twice. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public CreateWebhookRequest build() {
            return new CreateWebhookRequest(url, events, description, idempotencyKey);
        }
    }
}
