package ai.vtry.webhook.delivery;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.common.time.Timestamps;
import ai.vtry.webhook.entity.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bodies customers receive: {@code {type, createdAt, data}}, where data is the job exactly as
 * GET /api/v1/jobs/{id} shows it (for {@code job.*} types). Its links are signed afresh for every
 * attempt: a retry a day later must not carry a link that expired.
 */
@ApplicationScoped
public class Payloads {

    public static final String TEST = "webhook.test";

    private final ObjectMapper json;
    private final SignedLinks links;

    public Payloads(ObjectMapper json, SignedLinks links) {
        this.json = json;
        this.links = links;
    }

    /** {@code job.completed}, {@code job.failed} or {@code job.cancelled}. */
    public static String typeOf(JobCompleted event) {
        return "job." + event.status().name().toLowerCase(Locale.ROOT);
    }

    public String of(JobCompleted event) {
        return write(typeOf(event), event.occurredAt(), event.job());
    }

    public String test(Endpoint endpoint, Instant now) {
        return write(TEST, now, Map.of("webhookId", endpoint.id(),
                "message", "A test event sent from POST /api/v1/webhooks/" + endpoint.id() + "/test"));
    }

    /** The stored payload with its job's links signed now. */
    public String withFreshLinks(String payload) {
        try {
            JsonNode root = json.readTree(payload);
            if (root.path("data") instanceof ObjectNode job && job.hasNonNull("imageKey")) {
                job.put("imageUrl", links.url(job.get("imageKey").asText()));
                for (JsonNode image : job.path("response").path("images")) {
                    if (image instanceof ObjectNode entry && entry.hasNonNull("imageKey")) {
                        entry.put("imageUrl", links.url(entry.get("imageKey").asText()));
                    }
                }
            }
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored payload is always JSON", e);
        }
    }

    private String write(String type, Instant createdAt, Object data) {
        try {
            ObjectNode node = json.createObjectNode();
            node.put("type", type);
            node.put("createdAt", Timestamps.format(createdAt));
            node.set("data", json.valueToTree(data));
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Payloads are plain maps", e);
        }
    }
}
