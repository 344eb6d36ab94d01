package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Idempotency-Key through the whole stack: retries create nothing twice. */
class IdempotencyIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twentyConcurrentGenerationsWithOneKeyMakeOneJob() throws Exception {
        String key = Stack.newAccount("pro");
        String personId = TryOn.composedPerson(key);
        String cloth = TryOn.cloth(key, Color.RED);
        String body = "{\"model\":\"NanoBanana\",\"personId\":\"" + personId + "\",\"clothesIds\":[\"" + cloth + "\"]}";
        String idempotencyKey = UUID.randomUUID().toString();

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/v1/generations"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                    .header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> requestIds = new HashSet<>();
        int replayed = 0;
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            HttpResponse<String> answer = response.get();
            assertEquals(202, answer.statusCode(), answer.body());
            requestIds.add(new JsonPath(answer.body()).getString("requestId"));
            replayed += answer.headers().firstValue("Idempotent-Replayed").orElse("").equals("true") ? 1 : 0;
        }
        assertEquals(1, requestIds.size(), "every answer names the same job: " + requestIds);
        assertEquals(19, replayed);
        TryOn.awaitCompleted(key, requestIds.iterator().next());
        as(key).get("/api/v1/history").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void anUploadSentAgainMakesOnePersonAndTheKeyIsPerWorkspace() {
        String key = Stack.newAccount("free");
        String idempotencyKey = UUID.randomUUID().toString();
        byte[] photo = TestImages.jpeg(600, 900, new Color(200, 150, 120));
        Response first = upload(key, idempotencyKey, photo, "first-boundary-7f3a");
        first.then().statusCode(201);
        Response again = upload(key, idempotencyKey, photo, "another-boundary-91c2"); // as a client resending it would
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.path("person.id").toString(), again.path("person.id").toString());
        as(key).get("/api/v1/persons").then().statusCode(200).body("persons.size()", equalTo(1));

        // The same key in another workspace is another key: it runs there.
        String other = Stack.newAccount("free");
        Response theirs = upload(other, idempotencyKey, photo, "first-boundary-7f3a");
        theirs.then().statusCode(201);
        assertNotEquals(first.path("person.id").toString(), theirs.path("person.id").toString());
    }

    private static Response upload(String key, String idempotencyKey, byte[] photo, String boundary) {
        return as(key).header("Idempotency-Key", idempotencyKey)
                .contentType("multipart/form-data; boundary=" + boundary).multiPart("name", "ada")
                .multiPart("files", "front.jpg", photo, "image/jpeg").post("/api/v1/persons");
    }
}
