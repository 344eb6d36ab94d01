package ai.vtry.generation.provider.fal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.remote.ProviderFailure;
import ai.vtry.generation.provider.remote.ProviderFailures;

/** fal's HTTP answers as job errors (the table of codes in docs/operations.md, "Image providers"). */
final class FalErrors {

    static final String TIMEOUT_TYPE = "X-Fal-Request-Timeout-Type";

    private final ObjectMapper json;
    private final String key;

    FalErrors(ObjectMapper json, String key) {
        this.json = json;
        this.key = key;
    }

    /** Returns a 2xx answer; anything else fails the chain with its classified error. */
    HttpResponse<byte[]> check(HttpResponse<byte[]> response) {
        Outcome.Failed failed = classify(response);
        if (failed != null) {
            throw new ProviderFailure(failed);
        }
        return response;
    }

    /** Null for a 2xx answer. */
    Outcome.Failed classify(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        // Our x-fal-request-timeout ran out before fal started the request: retrying cannot beat the deadline.
        if (status == 504 && "user".equalsIgnoreCase(response.headers().firstValue(TIMEOUT_TYPE).orElse(""))) {
            return ProviderFailures.timeout("Not started by fal within the job's time limit");
        }
        if (status == 429) {
            return ProviderFailures.busy(ProviderFailures.retryAfter(response.headers()));
        }
        if (status == 401 || status == 403) {
            return ProviderFailures.misconfigured("fal refused our credentials (HTTP " + status + "); check FAL_KEY");
        }
        if (status == 408 || status >= 500) {
            return ProviderFailures.unavailable("fal is unavailable (HTTP " + status + ")");
        }
        return ProviderFailures.rejected(detail(response.body()), key);
    }

    /** The readable part of fal's {@code detail}: a string, or the {loc, msg} list of a 422. */
    private String detail(byte[] body) {
        JsonNode detail;
        try {
            detail = json.readTree(body == null ? new byte[0] : body).path("detail");
        } catch (IOException e) {
            return "";
        }
        if (detail.isTextual()) {
            return detail.asText();
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode item : detail) {
            List<String> loc = new ArrayList<>();
            item.path("loc").forEach(part -> {
                if (!"body".equals(part.asText())) {
                    loc.add(part.asText());
                }
            });
            String msg = item.path("msg").asText("");
            problems.add(loc.isEmpty() ? msg : String.join(".", loc) + ": " + msg);
        }
        return String.join("; ", problems);
    }
}
