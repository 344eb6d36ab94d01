package ai.vtry.common.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for job-service's internal API: {@code POST /internal/jobs} answers 201 with a new
 * request id, as job-service does, and remembers each call; {@code GET /recorded} lists them
 * (Authorization and traceparent headers, body), so a test can check what the service under test sent. Talking HTTP to it
 * keeps the test free of class-loader questions.
 */
public class FakeJobService implements QuarkusTestResourceLifecycleManager {

    private final ObjectMapper json = new ObjectMapper();
    private final List<Map<String, Object>> recorded = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake job-service", e);
        }
        server.createContext("/internal/jobs", this::createJob);
        server.createContext("/recorded", this::listRecorded);
        server.start();
        return Map.of("quarkus.rest-client.job-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void createJob(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/internal/jobs")) {
            FakeHttp.json(exchange, 404, "{}");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        call.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
        call.put("traceparent", exchange.getRequestHeaders().getFirst("traceparent"));
        call.put("body", json.readValue(body, Map.class));
        String id = "req_fake" + ids.incrementAndGet();
        call.put("id", id);
        synchronized (recorded) {
            recorded.add(call);
        }
        FakeHttp.json(exchange, 201, json.writeValueAsString(Map.of("id", id, "status", "QUEUED")));
    }

    private void listRecorded(HttpExchange exchange) throws IOException {
        String body;
        synchronized (recorded) {
            body = json.writeValueAsString(recorded);
        }
        FakeHttp.json(exchange, 200, body);
    }

    /** The call that created job {@code requestId}, as the fake at {@code baseUrl} recorded it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> recordedCall(String baseUrl, String requestId) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/recorded")).build(), HttpResponse.BodyHandlers.ofString());
            List<Map<String, Object>> calls = new ObjectMapper().readValue(response.body(), List.class);
            return calls.stream().filter(c -> requestId.equals(c.get("id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("job-service never saw " + requestId));
        } catch (IOException e) {
            throw new IllegalStateException("The fake job-service did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
