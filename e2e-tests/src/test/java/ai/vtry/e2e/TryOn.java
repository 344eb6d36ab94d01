package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The steps every try-on test needs, done through the gateway as a client would. */
final class TryOn {

    /** A person with two reference photos and a finished composite; returns its id. */
    static String composedPerson(String key) {
        String personId = as(key).multiPart("name", "model-" + UUID.randomUUID().toString().substring(0, 8))
                .multiPart("files", "front.jpg", TestImages.jpeg(600, 900, new Color(200, 150, 120)), "image/jpeg")
                .multiPart("files", "side.jpg", TestImages.jpeg(500, 800, new Color(180, 130, 100)), "image/jpeg")
                .post("/api/v1/persons").then().statusCode(201).extract().path("person.id");
        String requestId = as(key).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana"))
                .post("/api/v1/persons/" + personId + "/compose").then().statusCode(202).extract().path("requestId");
        awaitCompleted(key, requestId);
        // COMPLETED means the composite is the person's already.
        assertNotNull(as(key).get("/api/v1/persons").then().extract().jsonPath()
                .getString("persons.find { it.id == '" + personId + "' }.coverUrl"), "the composed person's cover");
        return personId;
    }

    /** A garment uploaded as it is (a coloured rectangle on white); returns its cloth id. */
    static String cloth(String key, Color color) {
        int before = as(key).get("/api/v1/clothes").then().statusCode(200).extract().path("total");
        String requestId = as(key).multiPart("mode", "direct")
                .multiPart("file", "garment.png", TestImages.png(400, 500, color), "image/png")
                .post("/api/v1/clothes").then().statusCode(202).extract().path("requestId");
        awaitCompleted(key, requestId);
        // COMPLETED means the cloth is listed already.
        JsonPath clothes = as(key).get("/api/v1/clothes").then().statusCode(200).extract().jsonPath();
        assertEquals(before + 1, clothes.getInt("total"), "the uploaded cloth is listed");
        return clothes.getString("clothes[0].id");
    }

    static JsonPath awaitFinished(String key, String requestId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as(key).get("/api/v1/jobs/" + requestId).then().statusCode(200).extract().jsonPath(),
                        j -> !List.of("QUEUED", "PROCESSING").contains(j.getString("status")));
    }

    static JsonPath awaitCompleted(String key, String requestId) {
        JsonPath job = awaitFinished(key, requestId);
        assertEquals("COMPLETED", job.getString("status"), () -> "job ended " + job.prettify());
        return job;
    }

    static ValidatableResponse generate(String key, Map<String, Object> body) {
        return as(key).contentType(ContentType.JSON).body(body).post("/api/v1/generations").then();
    }

    static ValidatableResponse edit(String key, Map<String, Object> body) {
        return as(key).contentType(ContentType.JSON).body(body).post("/api/v1/edits").then();
    }

    private TryOn() {
    }
}
