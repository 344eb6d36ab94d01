package ai.vtry.generation.provider.gemini;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.remote.ProviderFailures;

/** Gemini's error answers, {@code {"error":{"code","status","message","details"}}}, as job errors. */
final class GeminiErrors {

    private static final Pattern RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d{1,6})(?:\\.\\d+)?s\"");

    private final ObjectMapper json;
    private final String key;

    GeminiErrors(ObjectMapper json, String key) {
        this.json = json;
        this.key = key;
    }

    /** Null for a 2xx answer. */
    Outcome.Failed classify(HttpResponse<byte[]> response) {
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return null;
        }
        String raw = response.body() == null ? "" : new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode error = error(response.body());
        String status = error.path("status").asText("");
        String reasons = error.path("details").toString();
        // Capacity is the model's, not our quota: another attempt soon may get through.
        if (raw.contains("MODEL_CAPACITY_EXHAUSTED")) {
            return ProviderFailures.unavailable("The model is out of capacity (HTTP " + code + ")");
        }
        if (code == 429 || "RESOURCE_EXHAUSTED".equals(status)) {
            OptionalLong retryAfter = ProviderFailures.retryAfter(response.headers());
            return ProviderFailures.busy(retryAfter.isPresent() ? retryAfter : retryDelay(reasons));
        }
        // An invalid key is a 400 INVALID_ARGUMENT with the reason API_KEY_INVALID.
        if (code == 401 || code == 403 || "UNAUTHENTICATED".equals(status) || "PERMISSION_DENIED".equals(status)
                || reasons.contains("API_KEY_INVALID")) {
            return ProviderFailures.misconfigured("Gemini refused our credentials (HTTP " + code + "); check GEMINI_API_KEY");
        }
        if (code == 404) {
            return ProviderFailures.misconfigured("Gemini does not know the configured model (HTTP 404); check vtry.gemini.models");
        }
        if (code == 408 || code >= 500) {
            return ProviderFailures.unavailable("Gemini is unavailable (HTTP " + code + ")");
        }
        return ProviderFailures.rejected(error.path("message").asText(""), key);
    }

    private JsonNode error(byte[] body) {
        try {
            return json.readTree(body == null ? new byte[0] : body).path("error");
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    /** google.rpc.RetryInfo's retryDelay, e.g. "37s". */
    private static OptionalLong retryDelay(String details) {
        Matcher m = RETRY_DELAY.matcher(details);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
