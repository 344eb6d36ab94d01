package ai.vtry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP side of the client, shared by the resource groups: builds each request (API key, JSON or
 * multipart body, {@code Idempotency-Key} on every POST and DELETE), sends it, retries it as the
 * {@link RetryPolicy} allows, and turns an error answer into an {@link ApiException}.
 */
final class Transport {

    private static final String API = "/api/v1";
    private static final String USER_AGENT = "vtry-java/0.1";
    /** An id or key in a path: the gateway refuses percent-encoding, so nothing else may go there. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final int MAX_ERROR_BODY = 1 << 20;

    private final HttpClient http;
    private final String baseUrl;
    /** Replaced when the key is rotated through this client (Account.rotateKey), so it goes on working. */
    private volatile String apiKey;
    private final Duration timeout;
    private final RetryPolicy retries;
    private final ObjectMapper json;
    private final Executor executor;

    Transport(HttpClient http, String baseUrl, String apiKey, Duration timeout, RetryPolicy retries, ObjectMapper json,
            Executor executor) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.retries = retries;
        this.json = json;
        this.executor = executor;
    }

    void useApiKey(String newKey) {
        this.apiKey = newKey;
    }

    ObjectMapper json() {
        return json;
    }

    /** Runs a call on the client's executor. */
    <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    /** A path segment made of an id given by the caller, checked so that it stays one segment. */
    static String segment(String id) {
        if (id == null || !SEGMENT.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("Not an id: " + id);
        }
        return id;
    }

    /** Query parameters in the order given, as name, value, name, value...; null values are left out. */
    static Map<String, Object> query(Object... namesAndValues) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return query;
    }

    <T> T get(String path, Map<String, ?> query, Class<T> type) {
        return get(path, query, Duration.ZERO, type);
    }

    /** A GET that may take {@code serverTime} longer than usual to answer (a long poll). */
    <T> T get(String path, Map<String, ?> query, Duration serverTime, Class<T> type) {
        return read(execute(new Call("GET", uri(path, query), null, Map.of("Accept", "application/json"), true,
                timeout.plus(serverTime), true)), type);
    }

    /** A POST with a JSON body (or none, when {@code body} is null), under its own or a new Idempotency-Key. */
    <T> T post(String path, Object body, String idempotencyKey, Class<T> type) {
        return read(execute(jsonCall("POST", path, body, keyOrNew(idempotencyKey))), type);
    }

    /** A DELETE (with a JSON body when {@code body} is not null), under a new Idempotency-Key. */
    <T> T delete(String path, Object body, Class<T> type) {
        return read(execute(jsonCall("DELETE", path, body, UUID.randomUUID().toString())), type);
    }

    /** A PATCH: it carries no Idempotency-Key, so it is never retried. */
    <T> T patch(String path, Object body, Class<T> type) {
        return read(execute(jsonCall("PATCH", path, body, null)), type);
    }

    /**
     * A multipart POST, streamed, under its own or a new Idempotency-Key; retried only if its body can be
     * sent again.
     */
    <T> T postMultipart(String path, Multipart body, String idempotencyKey, Class<T> type) {
        Map<String, String> headers = Map.of("Accept", "application/json", "Content-Type", body.contentType(),
                "Idempotency-Key", keyOrNew(idempotencyKey));
        return read(execute(new Call("POST", uri(path, Map.of()), body::publisher, headers, true, timeout,
                body.repeatable())), type);
    }

    /**
     * Opens a Server-Sent Events stream; the caller reads and closes the body. The timeout covers the
     * wait for the answer's headers only, not the stream.
     */
    HttpResponse<InputStream> events(String path, String lastEventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return execute(new Call("GET", uri(path, Map.of()), null, headers, true, timeout, true));
    }

    /** Saves what a signed link points to in {@code target}, replacing it; the link needs no API key. */
    Path download(String url, Path target) {
        HttpResponse<InputStream> response = execute(new Call("GET", URI.create(url), null, Map.of("Accept", "*/*"),
                false, timeout, true));
        Path temp = null;
        try (InputStream body = response.body()) {
            Path directory = target.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, ".vtry-", ".part");
            Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("Cannot download to " + target, e);
        }
    }

    private Call jsonCall(String method, String path, Object body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        Supplier<HttpRequest.BodyPublisher> publisher = null;
        if (body != null) {
            byte[] bytes = write(body);
            headers.put("Content-Type", "application/json");
            publisher = () -> HttpRequest.BodyPublishers.ofByteArray(bytes);
        }
        return new Call(method, uri(path, Map.of()), publisher, headers, true, timeout,
                idempotencyKey != null);
    }

    /** Sends a call, retrying it as the policy allows; answers 2xx or 3xx, else throws. */
    private HttpResponse<InputStream> execute(Call call) {
        for (int retriesDone = 0;; retriesDone++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(call.request(apiKey), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                Optional<Duration> pause = retries.afterNetworkFailure(retriesDone, call.retryable());
                if (pause.isEmpty()) {
                    throw new ConnectionException("No answer from " + call.uri().getHost() + " to " + call.method()
                            + " " + call.uri().getPath() + ": " + e, e);
                }
                sleep(pause.get());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VtryException("Interrupted while calling " + call.uri().getPath(), e);
            }
            if (response.statusCode() < 400) {
                return response;
            }
            ApiException error = error(response);
            Optional<Duration> pause = retries.afterError(retriesDone, call.retryable(), error);
            if (pause.isEmpty()) {
                throw error;
            }
            sleep(pause.get());
        }
    }

    private ApiException error(HttpResponse<InputStream> response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        return error(response.statusCode(), response.headers(), body, json);
    }

    /**
     * The exception of an error answer: its body's {@code error} object when it has one (a proxy's HTML
     * page has none: then the code is {@code httpError} and the status, as the API names such errors).
     */
    static ApiException error(int status, HttpHeaders headers, byte[] body, ObjectMapper json) {
        String code = "httpError" + status;
        String message = "HTTP " + status;
        Map<String, Object> details = Map.of();
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isObject()) {
                code = error.path("code").asText(code);
                message = error.path("message").asText(message);
                if (error.path("details").isObject()) {
                    details = json.convertValue(error.get("details"), new TypeReference<Map<String, Object>>() {
                    });
                }
            }
        } catch (IOException e) {
            // not JSON: the status says it all
        }
        return ApiException.of(status, code, message, details, headers.firstValue("X-Request-Id").orElse(null),
                retryAfter(status, headers));
    }

    /**
     * How long an answer asks to wait: {@code Retry-After} (seconds or an HTTP date), else on a 429 with
     * {@code RateLimit-Remaining: 0} the {@code RateLimit-Reset} seconds; null when it asks nothing.
     */
    static Duration retryAfter(int status, HttpHeaders headers) {
        Optional<String> retryAfter = headers.firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            return seconds(retryAfter.get()).orElseGet(() -> httpDate(retryAfter.get()));
        }
        if (status == 429 && headers.firstValue("RateLimit-Remaining").filter("0"::equals).isPresent()) {
            return headers.firstValue("RateLimit-Reset").flatMap(Transport::seconds).orElse(null);
        }
        return null;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration httpDate(String value) {
        try {
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private <T> T read(HttpResponse<InputStream> response, Class<T> type) {
        try (InputStream body = response.body()) {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new ConnectionException("Could not read the answer to " + response.request().method() + " "
                    + response.request().uri().getPath() + ": " + e.getMessage(), e);
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private URI uri(String path, Map<String, ?> query) {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) ->
                parameters.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8)));
        return URI.create(baseUrl + API + path + parameters);
    }

    private static String keyOrNew(String idempotencyKey) {
        return idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VtryException("Interrupted while waiting to retry", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the download failed already; a leftover .part file is all this costs
            }
        }
    }

    /**
     * One request as it is sent on each attempt.
     *
     * @param body makes a fresh body publisher for each attempt; null for no body
     * @param authenticated whether to send the API key (signed links need none, and must not get it)
     * @param retryable safe to repeat: a GET, or a write with an Idempotency-Key and a body that can be sent again
     */
    private record Call(String method, URI uri, Supplier<HttpRequest.BodyPublisher> body, Map<String, String> headers,
            boolean authenticated, Duration timeout, boolean retryable) {

        HttpRequest request(String apiKey) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
            headers.forEach(request::header);
            if (authenticated) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            return request.build();
        }
    }
}
