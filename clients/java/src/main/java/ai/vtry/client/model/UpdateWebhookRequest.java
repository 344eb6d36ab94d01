package ai.vtry.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Changes to a webhook endpoint ({@code PATCH /api/v1/webhooks/{id}}): only the fields set are sent, the
 * others stay as they are.
 *
 * @param url the new URL, under the rules of {@link CreateWebhookRequest#url()}, or null
 * @param events the new event types (replacing the old ones), or null
 * @param description the new description, {@code ""} to remove it, or null
 * @param enabled false to stop deliveries; true to resume them (a disabled endpoint starts afresh), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateWebhookRequest(String url, List<String> events, String description, Boolean enabled) {

    public UpdateWebhookRequest {
        events = events == null ? null : List.copyOf(events);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link UpdateWebhookRequest}. */
    public static final class Builder {
        private String url;
        private List<String> events;
        private String description;
        private Boolean enabled;

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** The event types, e.g. {@link Webhook#JOB_COMPLETED}: they replace the endpoint's. */
        public Builder events(List<String> events) {
            this.events = events;
            return this;
        }

        /** The event types, e.g. {@link Webhook#JOB_COMPLETED}: they replace the endpoint's. */
        public Builder events(String... events) {
            return events(List.of(events));
        }

        /** The new description; {@code ""} removes it. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Switches deliveries off or back on; enabling a disabled endpoint clears its failures. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public UpdateWebhookRequest build() {
            return new UpdateWebhookRequest(url, events, description, enabled);
        }
    }
}
