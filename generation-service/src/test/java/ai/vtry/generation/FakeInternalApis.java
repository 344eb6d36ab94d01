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
import java.util.HashMap;
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
 * Stand-ins for the internal APIs that generations and edits use, registered once for the whole
 * module ({@link TestResources}) so every @QuarkusTest shares one Quarkus start:
 * <ul>
 * <li>job-service: {@code POST /internal/jobs} answers 201 and remembers the body; {@code GET /internal/jobs/{id}}
 * is a COMPLETED job of the caller with one image;</li>
 * <li>clothes-service: {@code GET /internal/clothes?ids=} finds every id in the caller's workspace except
 * those made by {@link #unknownCloth()} (another workspace's, or none);</li>
 * <li>person-service: {@code GET /internal/persons/{id}} finds a composed person of the caller, except
 * {@link #unknownPerson()} (404), {@link #uncomposedPerson()} (no composite yet) and
 * {@link #failingPerson()} (500).</li>
 * </ul>
 * The caller's workspace is the forwarded token's {@code wid}; the image keys follow {@link #jobImage},
 * {@link #clothImage} and {@link #personComposite}, so a test can store those objects first.
 * {@code GET /recorded/{id}} returns the body that created job {@code id}. Talking HTTP to it keeps
 * the test free of class-loader questions.
 */
public class FakeInternalApis implements QuarkusTestResourceLifecycleManager {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> created = new ConcurrentHashMap<>();
    private HttpServer server;

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

    private static final String UNKNOWN_PERSON = "pr_unknown";
    private static final String UNCOMPOSED_PERSON = "pr_uncomposed";
    private static final String FAILING_PERSON = "pr_failing";
    private static final String UNKNOWN_CLOTH = "cl_unknown";

    /** A person id person-service does not find in the caller's workspace: 404. */
    public static String unknownPerson() {
        return UNKNOWN_PERSON + Ids.newId("").substring(1);
    }

    /** A person of the caller that has no composite yet. */
    public static String uncomposedPerson() {
        return UNCOMPOSED_PERSON + Ids.newId("").substring(1);
    }

    /** A person id for which person-service fails (500). */
    public static String failingPerson() {
        return FAILING_PERSON + Ids.newId("").substring(1);
    }

    /** A cloth id clothes-service does not find in the caller's workspace: left out of its answer. */
    public static String unknownCloth() {
        return UNKNOWN_CLOTH + Ids.newId("").substring(1);
    }

    /** The composite of person {@code personId} in {@code workspaceId}, as the fake person-service reports it. */
    public static String personComposite(String workspaceId, String personId) {
        return "composites/" + workspaceId + "/" + personId + ".jpg";
    }

    /** The image of finished job {@code jobId} in {@code workspaceId}, as the fake job-service reports it. */
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
        return Map.of("quarkus.rest-client.job-service.url", url, "quarkus.rest-client.clothes-service.url", url,
                "quarkus.rest-client.person-service.url", url);
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
                    .filter(id -> !id.startsWith(UNKNOWN_CLOTH))
                    .map(id -> Map.of("id", id, "imageKey", clothImage(workspace, id), "sourceUrl", "https://shop.test/" + id))
                    .toList();
            FakeHttp.json(exchange, 200, json.writeValueAsString(Map.of("clothes", clothes)));
        } else if (method.equals("GET") && path.startsWith("/internal/persons/")) {
            person(exchange, path.substring("/internal/persons/".length()));
        } else if (method.equals("GET") && path.startsWith("/recorded/")) {
            String body = created.get(path.substring("/recorded/".length()));
            FakeHttp.json(exchange, body == null ? 404 : 200, body == null ? "{}" : body);
        } else {
            FakeHttp.json(exchange, 404, "{}");
        }
    }

    private void person(HttpExchange exchange, String id) throws IOException {
        if (id.startsWith(UNKNOWN_PERSON)) {
            FakeHttp.json(exchange, 404, "{\"error\":{\"code\":\"notFound\"}}");
        } else if (id.startsWith(FAILING_PERSON)) {
            FakeHttp.json(exchange, 500, "{\"error\":{\"code\":\"internalError\"}}");
        } else {
            Map<String, Object> person = new HashMap<>();
            person.put("id", id);
            person.put("name", "Person " + id);
            person.put("compositeKey", id.startsWith(UNCOMPOSED_PERSON) ? null : personComposite(workspace(exchange), id));
            FakeHttp.json(exchange, 200, json.writeValueAsString(person));
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
