package ai.vtry.generation.provider.gemini;

import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import ai.vtry.generation.provider.remote.ProviderFailure;
import ai.vtry.generation.provider.remote.ProviderFailures;

/**
 * The image in a successful generateContent answer. A blocked prompt ({@code promptFeedback.blockReason})
 * or a blocking {@code finishReason} is {@code contentBlocked}; an answer without an image is {@code noImage}.
 */
record GeminiAnswer(byte[] image, String text) {

    private static final Set<String> BLOCKED = Set.of("IMAGE_RECITATION", "BLOCKLIST", "SPII");
    private static final Set<String> NO_IMAGE = Set.of("NO_IMAGE", "IMAGE_OTHER");

    static GeminiAnswer of(JsonNode answer) {
        String blockReason = answer.path("promptFeedback").path("blockReason").asText("");
        if (!blockReason.isEmpty() && !"BLOCK_REASON_UNSPECIFIED".equals(blockReason)) {
            throw new ProviderFailure(ProviderFailures.contentBlocked());
        }
        JsonNode candidate = answer.path("candidates").path(0);
        String finishReason = candidate.path("finishReason").asText("");
        if (finishReason.endsWith("SAFETY") || finishReason.endsWith("PROHIBITED_CONTENT") || BLOCKED.contains(finishReason)) {
            throw new ProviderFailure(ProviderFailures.contentBlocked());
        }
        if (NO_IMAGE.contains(finishReason)) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
        String data = null;
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue; // thinking models show drafts; only the final image counts
            }
            JsonNode inline = part.has("inlineData") ? part.path("inlineData") : part.path("inline_data");
            if (inline.hasNonNull("data")) {
                data = inline.path("data").asText(); // the last one is the final image
            } else if (part.hasNonNull("text")) {
                text.append(part.path("text").asText());
            }
        }
        if (data == null || data.isEmpty()) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
        try {
            return new GeminiAnswer(Base64.getDecoder().decode(data), text.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
    }
}
