package ai.vtry.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The document the gateway serves at /q/openapi describes exactly the public API of the
 * reference, docs/api-reference.md: the same paths and operations, no more (nothing scanned from the
 * gateway itself) and no fewer; with both security schemes, and the error body on every error response.
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** The reference, relative to the repository root. */
    static final String REFERENCE = "docs/api-reference.md";
    /** An endpoint's heading in the reference: exactly "### GET /api/v1/persons/{personId}". */
    private static final Pattern ENDPOINT = Pattern.compile("^### (GET|POST|PATCH|PUT|DELETE) (/api/v1/\\S+)$");
    /** A level-3 heading that starts like an endpoint's; it must then be one, exactly. */
    private static final Pattern LIKE_ENDPOINT = Pattern.compile("^###\\s+(GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS)\\b.*");
    private static final Set<String> METHODS = Set.of("get", "post", "patch", "put", "delete", "head", "options", "trace");

    /**
     * The endpoints the reference documents, one heading each. The test runs in the module's directory
     * (api-gateway/), so the repository root is its parent.
     */
    static Set<String> referenceEndpoints() throws IOException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path reference = repo.resolve(REFERENCE);
        if (!Files.isRegularFile(reference)) {
            fail("The API reference is missing: expected " + reference + " (" + REFERENCE + " in the repository)");
        }
        Set<String> endpoints = new TreeSet<>();
        List<String> malformed = new ArrayList<>();
        for (String line : Files.readAllLines(reference)) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.matches()) {
                assertTrue(endpoints.add(m.group(1) + " " + m.group(2)), "documented twice in " + REFERENCE + ": " + line);
            } else if (LIKE_ENDPOINT.matcher(line).matches()) {
                malformed.add(line);
            }
        }
        assertTrue(malformed.isEmpty(), REFERENCE + ": endpoint headings must be exactly \"### METHOD /api/v1/path\": "
                + malformed);
        assertTrue(endpoints.size() >= 10, "the reference's endpoint list looks wrong: " + endpoints);
        return endpoints;
    }

    static JsonNode served() throws IOException {
        String json = given().accept("application/json").queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void pathsAndOperationsAreExactlyTheReferences() throws IOException {
        Set<String> documented = new TreeSet<>();
        JsonNode paths = served().path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> ops = path.getValue().fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (METHODS.contains(op)) {
                    documented.add(op.toUpperCase() + " " + path.getKey());
                }
            }
        }
        Set<String> reference = referenceEndpoints();
        Set<String> missing = new TreeSet<>(reference);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(reference);
        assertTrue(missing.isEmpty() && extra.isEmpty(),
                "/q/openapi differs from " + REFERENCE + ".\n  missing: " + missing + "\n  not in the reference: " + extra);
    }

    @Test
    void everyOperationIsSecuredAndAnswersErrorsWithTheErrorBody() throws IOException {
        JsonNode doc = served();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals("http", schemes.path("bearerAuth").path("type").asText());
        assertEquals("bearer", schemes.path("bearerAuth").path("scheme").asText());
        assertEquals("apiKey", schemes.path("apiKeyHeader").path("type").asText());
        assertEquals("header", schemes.path("apiKeyHeader").path("in").asText());
        assertEquals("x-api-key", schemes.path("apiKeyHeader").path("name").asText());
        List<String> security = new ArrayList<>();
        doc.path("security").forEach(s -> s.fieldNames().forEachRemaining(security::add));
        assertEquals(List.of("bearerAuth", "apiKeyHeader"), security, "either header authenticates every operation");
        assertNotNull(doc.path("components").path("schemas").get("Error"), "the Error schema");

        List<String> problems = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String id = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = op.getValue().path("responses");
            boolean success = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                JsonNode response = resolve(doc, r.getValue());
                JsonNode json = response.path("content").path("application/json");
                if (r.getKey().startsWith("2") && json.isMissingNode()) {
                    json = response.path("content").path("text/event-stream"); // a stream: its lines are the example
                }
                if (r.getKey().startsWith("2")) {
                    success = true;
                    if (json.path("schema").isMissingNode() || json.path("example").isMissingNode() && json.path("examples").isMissingNode()) {
                        problems.add(id + " " + r.getKey() + ": needs a JSON schema and an example");
                    }
                } else if (!json.path("schema").path("$ref").asText().equals("#/components/schemas/Error")) {
                    problems.add(id + " " + r.getKey() + ": error responses carry the Error body");
                }
            }
            for (String status : List.of("401", "429", "500")) {
                if (responses.path(status).isMissingNode()) {
                    problems.add(id + ": no " + status);
                }
            }
            if (!success) {
                problems.add(id + ": no 2xx response");
            }
            if (op.getValue().path("summary").asText().isBlank()) {
                problems.add(id + ": no summary");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        String ref = node.path("$ref").asText();
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = doc;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }
}
