package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Following a job through the gateway without polling: long polling and Server-Sent Events. */
class FollowJobIT {

    @Test
    void aGenerationFollowedByItsEventsAndByALongPoll() throws Exception {
        String key = Stack.newAccount("pro");
        String personId = TryOn.composedPerson(key);
        String cloth = TryOn.cloth(key, Color.GREEN);
        String requestId = as(key).contentType(ContentType.JSON)
                .body(Map.of("model", "NanoBanana", "personId", personId, "clothesIds", List.of(cloth)))
                .post("/api/v1/generations").then().statusCode(202).extract().path("requestId");

        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/v1/jobs/" + requestId + "/events"))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        List<String> names = new ArrayList<>();
        String lastData = null;
        for (String line : (Iterable<String>) stream.body()::iterator) { // ends with the final event
            if (line.startsWith("event:")) {
                names.add(line.substring(6).trim());
            } else if (line.startsWith("data:")) {
                lastData = line.substring(5).trim();
            }
        }
        assertEquals("completed", names.get(names.size() - 1), "events " + names);
        assertTrue(List.of("queued", "processing", "completed").containsAll(names), "events " + names);
        JsonPath completed = new JsonPath(lastData);
        assertEquals("COMPLETED", completed.getString("status"));
        assertTrue(completed.getString("imageUrl").contains("/files/"));

        // The job is final: a long poll answers at once.
        as(key).get("/api/v1/jobs/" + requestId + "?wait=60").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
    }

    @Test
    void timeoutSecondsSetsTheJobsDeadlineOnEveryJobCreatingRequest() {
        String key = Stack.newAccount("pro");
        String personId = TryOn.composedPerson(key);
        String cloth = TryOn.cloth(key, Color.BLUE);
        String generation = TryOn.generate(key, Map.of("model", "NanoBanana", "personId", personId,
                "clothesIds", List.of(cloth), "timeoutSeconds", 45)).statusCode(202).extract().path("requestId");
        String compose = as(key).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana", "timeoutSeconds", 90))
                .post("/api/v1/persons/" + personId + "/compose").then().statusCode(202).extract().path("requestId");
        assertEquals(Duration.ofSeconds(45), deadlineAfterCreation(key, generation));
        assertEquals(Duration.ofSeconds(90), deadlineAfterCreation(key, compose));

        TryOn.generate(key, Map.of("model", "NanoBanana", "personId", personId, "clothesIds", List.of(cloth),
                "timeoutSeconds", 601)).statusCode(400)
                .body("error.details.fields.timeoutSeconds[0]", org.hamcrest.Matchers.containsString("from 1 to 600"));
    }

    private static Duration deadlineAfterCreation(String key, String requestId) {
        JsonPath job = as(key).get("/api/v1/jobs/" + requestId).then().statusCode(200).extract().jsonPath();
        return Duration.between(java.time.Instant.parse(job.getString("createdAt")),
                java.time.Instant.parse(job.getString("deadline")));
    }
}
