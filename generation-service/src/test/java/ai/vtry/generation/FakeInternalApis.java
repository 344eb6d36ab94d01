package ai.vtry.generation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.vtry.common.id.Ids;
import ai.vtry.common.testsupport.FakeHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stand-ins for the internal APIs an edit uses: job-service ({@code POST /internal/jobs} answers 201
 * and remembers the body; {@code GET /internal/jobs/{id}} is a COMPLETED job of the caller with one
 * image) and clothes-service ({@code GET /internal/clothes?ids=} finds every id in the caller's
 * workspace). The caller's workspace is the forwarded token's {@code wid}; the source keys follow
 * {@link #jobImage} and {@link #clothImage}, so a test can store those objects first.
 * {@code GET /recorded/{id}} returns the body that created job {@code id}. Talking HTTP to it keeps
 * the test free of class-loader questions.
 */
public class FakeInternalApis implements QuarkusTestResourceLifecycleManager {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> created = new ConcurrentHashMap<>();
    private HttpServer server;

    /** The image of finished job {@code jobId} in {@code workspaceId}, as the fake job-service reports it. */
    /** A cloth whose lookup answers only after {@link #SLOW_MILLIS}: clothes-service hanging. */
    public static final String SLOW_CLOTH = "cl_slowclothesservice";
    private static final long SLOW_MILLIS = 7_000;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String jobImage(String workspaceId, String jobId) {
        return "generations/" + workspaceId + "/" + jobId + "-1.png";
    }

    /** The image of cloth {@code clothId} in {@code workspaceId}, as the fake clothes-service reports it. */
    public static String clothImage(String workspaceId, String clothId) {
        return "clothes/" + workspaceId + "/" + clothId + ".png";
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake internal APIs", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool()); // a slow answer must not hold up the others
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.job-service.url", url, "quarkus.rest-client.clothes-service.url", url);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if (method.equals("POST") && path.equals("/internal/jobs")) {
            String id = Ids.newId("req"); // unique across runs: tests use it as a record key
            created.put(id, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            FakeHttp.json(exchange, 201, json.writeValueAsString(Map.of("id", id, "status", "QUEUED")));
        } else if (method.equals("GET") && path.equals("/internal/clothes") && ("ids=" + SLOW_CLOTH).equals(query)) {
            sleep(SLOW_MILLIS); // longer than the lookups wait
            FakeHttp.json(exchange, 200, "{\"clothes\":[]}");
        } else if (method.equals("GET") && path.startsWith("/internal/jobs/")) {
            String id = path.substring("/internal/jobs/".length());
            FakeHttp.json(exchange, 200, json.writeValueAsString(Map.of("id", id, "kind", "generation", "status", "COMPLETED",
                    "imageKeys", List.of(jobImage(workspace(exchange), id)))));
        } else if (method.equals("GET") && path.equals("/internal/clothes") && query != null && query.startsWith("ids=")) {
            String workspace = workspace(exchange);
            List<Map<String, String>> clothes = Arrays.stream(query.substring("ids=".length()).split(","))
                    .map(id -> Map.of("id", id, "imageKey", clothImage(workspace, id), "sourceUrl", "https://shop.test/" + id))
                    .toList();
            FakeHttp.json(exchange, 200, json.writeValueAsString(Map.of("clothes", clothes)));
        } else if (method.equals("GET") && path.startsWith("/recorded/")) {
            String body = created.get(path.substring("/recorded/".length()));
            FakeHttp.json(exchange, body == null ? 404 : 200, body == null ? "{}" : body);
        } else {
            FakeHttp.json(exchange, 404, "{}");
        }
    }

    /** The {@code wid} claim of the forwarded token (its signature was checked by the service under test). */
    private String workspace(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
        return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("wid").asText();
    }

    /** The body that created job {@code requestId}, as the fake at {@code baseUrl} received it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> createdJob(String baseUrl, String requestId) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/recorded/" + requestId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("job-service never saw " + requestId);
            }
            return new ObjectMapper().readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("The fake internal APIs did not answer", e);
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
