package ai.vtry.generation.provider.fal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import ai.vtry.generation.provider.remote.CallBudget;
import ai.vtry.generation.provider.remote.ProviderFailure;
import ai.vtry.generation.provider.remote.ProviderFailures;
import ai.vtry.generation.provider.remote.RemoteHttp;
import io.smallrye.mutiny.Uni;

/** fal's queue API: submit, status, result, cancel, and the download of the result images. */
final class FalQueueClient {

    /** The URLs of a submitted request, exactly as fal returned them. */
    record Accepted(String requestId, String statusUrl, String responseUrl, String cancelUrl) {
    }

    private final RemoteHttp http;
    private final FalJson json;
    private final FalErrors errors;
    private final URI queue;
    private final String key;
    private final Duration objectTtl;
    private final Optional<String> webhookUrl;

    FalQueueClient(RemoteHttp http, FalJson json, FalErrors errors, String queueUrl, String key, Duration objectTtl,
            Optional<String> webhookUrl) {
        this.http = http;
        this.json = json;
        this.errors = errors;
        this.queue = URI.create(FalJson.trimSlash(queueUrl));
        this.key = key;
        this.objectTtl = objectTtl;
        this.webhookUrl = webhookUrl;
    }

    Uni<Accepted> submit(String endpoint, Map<String, Object> body, CallBudget budget) {
        return Uni.createFrom().deferred(() -> {
            // With a webhook, fal calls the gateway when the request ends (polling stays the safety net).
            String webhook = webhookUrl.map(url -> "?fal_webhook=" + URLEncoder.encode(url, StandardCharsets.UTF_8)).orElse("");
            HttpRequest.Builder request = authorized(URI.create(queue + "/" + endpoint + webhook))
                    .header("Content-Type", "application/json")
                    // fal keeps our inputs and its outputs only briefly: we re-host the results.
                    .header("x-fal-object-lifecycle-preference",
                            "{\"expiration_duration_seconds\":" + objectTtl.toSeconds() + "}")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.write(body)));
            Long secondsLeft = budget.secondsLeft();
            if (secondsLeft != null) {
                // Bounds only the wait before fal starts the request; it answers 504 (type user) after it.
                request.header("x-fal-request-timeout", Long.toString(secondsLeft));
            }
            return http.send(request, budget.next());
        }).map(errors::check).map(response -> accepted(json.read(response.body())));
    }

    /** {@code status} IN_QUEUE (with {@code queue_position}), IN_PROGRESS or COMPLETED. */
    Uni<JsonNode> status(FalHandle handle, CallBudget budget) {
        return Uni.createFrom().deferred(() -> http.send(authorized(URI.create(handle.statusUrl())).GET(), budget.next()))
                .map(errors::check)
                .map(response -> json.read(response.body()));
    }

    Uni<JsonNode> result(FalHandle handle, CallBudget budget) {
        return Uni.createFrom().deferred(() -> http.send(authorized(URI.create(handle.responseUrl())).GET(), budget.next()))
                .map(errors::check)
                .map(response -> json.read(response.body()));
    }

    /** Best effort: fal cancels only while the request is queued. */
    Uni<Void> cancel(FalHandle handle, CallBudget budget) {
        return Uni.createFrom().deferred(() -> http.send(authorized(URI.create(handle.cancelUrl()))
                        .PUT(HttpRequest.BodyPublishers.noBody()), budget.next()))
                .replaceWithVoid();
    }

    /** A result image: a CDN URL (fetched without our key) or, in sync mode, a data URI. */
    Uni<byte[]> download(String url, CallBudget budget) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
                throw new ProviderFailure(ProviderFailures.noImage());
            }
            return Uni.createFrom().item(Base64.getDecoder().decode(url.substring(comma + 1)));
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
        return Uni.createFrom().deferred(() -> http.download(HttpRequest.newBuilder(URI.create(url)).GET(), budget.next()))
                .map(errors::check)
                .map(response -> response.body());
    }

    private HttpRequest.Builder authorized(URI uri) {
        if (!sameOrigin(uri)) {
            // The key goes only to the configured queue host, whatever a stored handle says.
            throw new ProviderFailure(ProviderFailures.misconfigured("fal answered with URLs outside vtry.fal.queue-url"));
        }
        return HttpRequest.newBuilder(uri).header("Authorization", "Key " + key);
    }

    private boolean sameOrigin(URI uri) {
        return queue.getScheme().equalsIgnoreCase(uri.getScheme()) && queue.getHost().equalsIgnoreCase(uri.getHost())
                && queue.getPort() == uri.getPort();
    }

    private Accepted accepted(JsonNode answer) {
        Accepted accepted = new Accepted(answer.path("request_id").asText(""), answer.path("status_url").asText(""),
                answer.path("response_url").asText(""), answer.path("cancel_url").asText(""));
        if (accepted.requestId().isEmpty() || accepted.statusUrl().isEmpty() || accepted.responseUrl().isEmpty()) {
            throw new ProviderFailure(ProviderFailures.unavailable("fal accepted the request without its URLs"));
        }
        for (String url : new String[] {accepted.statusUrl(), accepted.responseUrl()}) {
            if (!sameOrigin(URI.create(url))) {
                throw new ProviderFailure(ProviderFailures.misconfigured("fal answered with URLs outside vtry.fal.queue-url"));
            }
        }
        return accepted;
    }
}
