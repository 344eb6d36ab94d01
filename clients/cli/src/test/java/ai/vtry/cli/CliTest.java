package ai.vtry.cli;

import static ai.vtry.client.FakeApi.error;
import static ai.vtry.client.FakeApi.events;
import static ai.vtry.client.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import ai.vtry.client.FakeApi;

class CliTest {

    private static final String ME = """
            {"user": {"id": "usr_1", "email": "dev@example.com"},
             "subscription": {"planId": "pro", "planLabel": "Pro", "status": "active", "cancelAtPeriodEnd": false,
                              "renewsAt": null},
             "workspace": {"ownerId": "usr_1", "isWorkspaceOwner": true},
             "limits": {"read": {"limit": 60, "remaining": 57, "resetSeconds": 41}}}""";

    @TempDir
    Path config;
    private FakeApi api;
    private final Map<String, String> variables = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String stdin = "";

    @BeforeEach
    void fakeGateway() throws IOException {
        api = new FakeApi();
        variables.put("VTRY_API_KEY", "vtry_test");
        variables.put("VTRY_BASE_URL", api.baseUrl());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private int vtry(String... args) {
        Environment env = new Environment(variables, config, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return VtryCommand.execute(env, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode outJson() throws IOException {
        return VtryCommand.JSON.readTree(out());
    }

    private static String job(String status, String imageUrl) {
        String error = switch (status) {
            case "FAILED" -> "{\"code\":\"contentBlocked\",\"message\":\"The image model refused the input\"}";
            case "CANCELLED" -> "{\"code\":\"cancelled\",\"message\":\"Cancelled by the client\"}";
            default -> "null";
        };
        return "{\"id\":\"req_1\",\"kind\":\"generation\",\"status\":\"" + status + "\",\"prompt\":\"p\","
                + "\"imageUrl\":" + (imageUrl == null ? "null" : "\"" + imageUrl + "\"") + ",\"imageKey\":\"g/req_1-1.jpg\","
                + "\"sourceUrl\":null,\"error\":" + error + ",\"parameters\":{},\"createdAt\":\"2026-05-12T20:00:00.000Z\","
                + "\"updatedAt\":\"2026-05-12T20:00:10.000Z\",\"response\":"
                + (imageUrl == null ? "{}" : "{\"images\":[{\"imageKey\":\"g/req_1-1.jpg\",\"imageUrl\":\"" + imageUrl + "\"}]}")
                + "}";
    }

    private static FakeApi.Answer finalEvent(String status, String imageUrl) {
        return events("id: 3\nevent: " + status.toLowerCase() + "\ndata: " + job(status, imageUrl) + "\n\n");
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        assertEquals(2, vtry("persons", "create", "front.jpg"));
        assertTrue(err().contains("--name"), err());
        assertEquals(2, vtry("generate", "--person", "pr_1"));
        assertEquals(2, vtry("generate", "--person", "pr_1", "--cloth", "cl_1", "--model", "Banana3"));
        assertEquals(2, vtry("edit", "somewhere", "--prompt", "navy"));
        assertEquals(2, vtry("persons", "create", "--name", "alice", config.resolve("missing.jpg").toString()));
        assertEquals(2, vtry("clothes", "add"));
        assertEquals(2, vtry("frobnicate"));
        assertTrue(api.received.isEmpty(), "nothing was sent");
    }

    @Test
    void withoutAKeyNothingRuns() {
        variables.remove("VTRY_API_KEY");
        assertEquals(2, vtry("me"));
        assertTrue(err().contains("vtry login"), err());
    }

    @Test
    void jsonPrintsTheApisAnswer() throws IOException {
        api.on("GET", "/api/v1/me", json(200, ME));

        assertEquals(0, vtry("me", "--json"));

        JsonNode me = outJson();
        assertEquals("dev@example.com", me.path("user").path("email").asText());
        assertEquals(57, me.path("limits").path("read").path("remaining").asInt());
    }

    @Test
    void anApiErrorExitsWith3AndPrintsItsBody() throws IOException {
        api.on("GET", "/api/v1/jobs/req_nope/events", json(404,
                "{\"error\":{\"code\":\"notFound\",\"message\":\"Job req_nope was not found\","
                        + "\"details\":{\"id\":\"req_nope\"}}}"));

        assertEquals(3, vtry("jobs", "watch", "req_nope", "--json"));

        assertEquals("notFound", outJson().path("error").path("code").asText());
        assertTrue(err().contains("Job req_nope was not found"), err());
    }

    @Test
    void aGenerationWaitedForIsSaved(@TempDir Path dir) throws IOException {
        byte[] image = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x42};
        api.on("POST", "/api/v1/generations", json(202, "{\"requestId\":\"req_1\",\"personId\":\"pr_1\","
                + "\"clothesIds\":[\"cl_1\",\"cl_2\"],\"promptMode\":\"preset\",\"prompt\":\"...\"}"));
        api.on("GET", "/api/v1/jobs/req_1/events",
                finalEvent("COMPLETED", api.baseUrl() + "/files/g/req_1-1.jpg?expires=1&signature=s"));
        api.on("GET", "/files/g/req_1-1.jpg", exchange -> {
            exchange.sendResponseHeaders(200, image.length);
            exchange.getResponseBody().write(image);
        });
        Path output = dir.resolve("out.jpg");

        int exit = vtry("generate", "--person", "pr_1", "--cloth", "cl_1", "--cloth", "cl_2", "--scene", "a rainy street",
                "--preset", "city-walk-pose", "--model", "nanobanana", "--aspect-ratio", "3:4", "--wait", "-o", output.toString());

        assertEquals(0, exit, err());
        assertArrayEquals(image, Files.readAllBytes(output));
        JsonNode sent = VtryCommand.JSON.readTree(api.received("POST", "/api/v1/generations").get(0).body());
        assertEquals("NanoBanana", sent.path("model").asText());
        assertEquals("cl_2", sent.path("clothesIds").path(1).asText());
        assertEquals("a rainy street", sent.path("scene").asText());
        assertEquals("city-walk-pose", sent.path("promptPresetId").asText());
        assertEquals("3:4", sent.path("aspectRatio").asText());
        assertTrue(out().startsWith("req_1 COMPLETED"), out());
        assertTrue(err().contains("req_1 COMPLETED"), "a plain progress line without a terminal: " + err());
    }

    @Test
    void aFailedOrCancelledJobExitsWith4() throws IOException {
        api.on("GET", "/api/v1/jobs/req_1/events", finalEvent("FAILED", null), finalEvent("CANCELLED", null));

        assertEquals(4, vtry("jobs", "watch", "req_1"));
        assertTrue(out().contains("FAILED contentBlocked"), out());
        assertEquals(4, vtry("jobs", "watch", "req_1", "--json"));
        assertTrue(out().contains("\"status\" : \"CANCELLED\""), out());
    }

    @Test
    void composeWaitsAndExitsZeroOnlyWhenCompleted() {
        api.on("POST", "/api/v1/persons/pr_1/compose", json(202, "{\"requestId\":\"req_1\",\"personId\":\"pr_1\"}"),
                json(202, "{\"requestId\":\"req_1\",\"personId\":\"pr_1\"}"));
        api.on("GET", "/api/v1/jobs/req_1/events", finalEvent("COMPLETED", "http://x/files/c.jpg"), finalEvent("FAILED", null));

        assertEquals(0, vtry("compose", "pr_1", "--wait"));
        assertEquals(4, vtry("compose", "pr_1", "--wait"));
        assertTrue(api.received("POST", "/api/v1/persons/pr_1/compose").get(0).text().contains("\"NanoBanana\""));
    }

    @Test
    void loginChecksTheKeyAndStoresItForTheOwnerOnly() throws IOException {
        variables.remove("VTRY_API_KEY");
        api.on("GET", "/api/v1/me", json(200, ME), json(200, ME));
        stdin = "vtry_from_stdin\n";

        assertEquals(0, vtry("login"));

        Path file = config.resolve("config");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("apiKey=vtry_from_stdin"));
        assertEquals(0, vtry("me"));
        assertEquals("Bearer vtry_from_stdin", api.received.get(1).header("Authorization"), "the stored key is used");
    }

    @Test
    void aRotatedKeyReplacesTheStoredOneAndIsPrintedOnce() throws IOException {
        variables.remove("VTRY_API_KEY");
        api.on("GET", "/api/v1/me", json(200, ME), json(200, ME));
        api.on("POST", "/api/v1/me/api-key/rotate", json(200, "{\"apiKey\":\"vtry_rotated\"}"));
        assertEquals(0, vtry("login", "--key", "vtry_old"));

        assertEquals(0, vtry("rotate-key"));

        assertTrue(out().contains("vtry_rotated"), out());
        assertTrue(Files.readString(config.resolve("config")).contains("apiKey=vtry_rotated"));
        assertEquals("Bearer vtry_old", api.received("POST", "/api/v1/me/api-key/rotate").get(0).header("Authorization"));
        assertEquals(0, vtry("me"));
        assertEquals("Bearer vtry_rotated", api.received("GET", "/api/v1/me").get(1).header("Authorization"));
    }

    @Test
    void aRefusedKeyIsNotStored() {
        api.on("GET", "/api/v1/me", error(401, "invalidApiKey"));

        assertEquals(3, vtry("login", "--key", "vtry_wrong"));
        assertTrue(Files.notExists(config.resolve("config")));
    }

    @Test
    void theLastDiscoveryIsPickedFrom() throws IOException {
        api.on("POST", "/api/v1/clothes/source-images", json(200, """
                {"inputUrl": "https://shop.example.com/look", "sourceType": "page", "pageTitle": "Summer look",
                 "images": [
                   {"imageUrl": "https://cdn.example.com/a.jpg", "sourcePageUrl": "https://shop.example.com/look",
                    "title": "Blazer", "width": 1200, "height": 1600, "position": 1},
                   {"imageUrl": "https://cdn.example.com/b.jpg", "sourcePageUrl": "https://shop.example.com/look",
                    "title": null, "width": null, "height": null, "position": 2}]}"""));
        api.on("POST", "/api/v1/clothes", json(202, "{\"requestId\":\"req_9\"}"));

        assertEquals(0, vtry("clothes", "discover", "https://shop.example.com/look"));
        assertTrue(out().contains(" 2  ?"), out());
        assertEquals(0, vtry("clothes", "add", "--pick", "2"));

        String body = api.received("POST", "/api/v1/clothes").get(0).text();
        assertTrue(body.contains("name=\"imageUrl\"\r\n\r\nhttps://cdn.example.com/b.jpg\r\n"), body);
        assertTrue(body.contains("name=\"sourcePageUrl\"\r\n\r\nhttps://shop.example.com/look\r\n"), body);
        assertTrue(body.contains("name=\"mode\"\r\n\r\ndirect\r\n"), body);
        assertTrue(out().endsWith("req_9\n"), out());
        assertEquals(2, vtry("clothes", "add", "--pick", "3"));
    }

    @Test
    void historyDownloadsTheImagesOfCompletedJobs(@TempDir Path dir) throws IOException {
        api.on("GET", "/api/v1/history", json(200, "{\"jobs\":[" + job("COMPLETED", api.baseUrl() + "/files/g/req_1-1.jpg")
                + "," + job("FAILED", null).replace("req_1", "req_2")
                + "],\"page\":1,\"pageSize\":20,\"total\":2,\"totalPages\":1}"));
        api.on("GET", "/files/g/req_1-1.jpg", exchange -> {
            exchange.sendResponseHeaders(200, 3);
            exchange.getResponseBody().write(new byte[] {1, 2, 3});
        });

        assertEquals(0, vtry("history", "--all", "--download", dir.toString()));

        assertEquals("page=1&pageSize=20&kind=all", api.received("GET", "/api/v1/history").get(0).query());
        assertEquals(3, Files.size(dir.resolve("req_1-1.jpg")));
        assertEquals(1, Files.list(dir).count());
    }
}
