package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A job that reads COMPLETED has every effect already visible: the person's cover, the new cloth,
 * the edit saved as a cloth. Each round follows the job with long polling, answered the moment the
 * job is COMPLETED, and reads the effect in the very next request, the tightest a client can be;
 * before job-service waited for the owner's answer, this found the cloth list or the cover still
 * empty. One fresh account per round keeps every round within the reference's per-account limits.
 */
class CompletedMeansVisibleIT {

    private static final int ROUNDS = 50;

    @Test
    void aComposedPersonShowsItsCoverTheMomentItsJobReadsCompleted() {
        for (int round = 1; round <= ROUNDS; round++) {
            String key = Stack.newAccount("free");
            String personId = as(key).multiPart("name", "round-" + round)
                    .multiPart("files", "front.jpg", TestImages.jpeg(300, 450, new Color(200, 150, 120)), "image/jpeg")
                    .post("/api/v1/persons").then().statusCode(201).extract().path("person.id");
            String requestId = as(key).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana"))
                    .post("/api/v1/persons/" + personId + "/compose").then().statusCode(202).extract().path("requestId");
            JsonPath job = pollUntilCompleted(key, requestId);

            String coverUrl = as(key).get("/api/v1/persons").then().statusCode(200).extract()
                    .path("persons.find { it.id == '" + personId + "' }.coverUrl");
            assertNotNull(coverUrl, "round " + round + ": COMPLETED, yet the person has no cover");
            assertTrue(coverUrl.contains("/files/" + job.getString("imageKey") + "?"),
                    "round " + round + ": the cover is this job's composite: " + coverUrl);
        }
    }

    @Test
    void anUploadedClothIsListedTheMomentItsJobReadsCompleted() {
        for (int round = 1; round <= ROUNDS; round++) {
            String key = Stack.newAccount("free");
            String requestId = as(key).multiPart("mode", "direct")
                    .multiPart("file", "garment.png", TestImages.png(200, 250, Color.GREEN), "image/png")
                    .post("/api/v1/clothes").then().statusCode(202).extract().path("requestId");
            JsonPath job = pollUntilCompleted(key, requestId);

            JsonPath clothes = as(key).get("/api/v1/clothes").then().statusCode(200).extract().jsonPath();
            assertEquals(1, clothes.getInt("total"), "round " + round + ": COMPLETED, yet the cloth is not listed");
            assertTrue(clothes.getString("clothes[0].imageUrl").contains("/files/" + job.getString("imageKey") + "?"));
        }
    }

    @Test
    void anEditSavedAsAClothIsListedTheMomentItsJobReadsCompleted() {
        for (int round = 1; round <= 20; round++) {
            String key = Stack.newAccount("free");
            String clothId = TryOn.cloth(key, Color.RED);
            String requestId = as(key).contentType(ContentType.JSON)
                    .body(Map.of("clothId", clothId, "prompt", "make it blue " + UUID.randomUUID(), "saveAsClothes", true))
                    .post("/api/v1/edits").then().statusCode(202).extract().path("requestId");
            pollUntilCompleted(key, requestId);
            assertEquals(2, as(key).get("/api/v1/clothes").then().statusCode(200).extract().<Integer>path("total"),
                    "round " + round + ": COMPLETED, yet the saved edit is not listed");
        }
    }

    /**
     * Reads the job until it is COMPLETED, with long polling: the answer leaves the moment job-service
     * commits the status, so the caller's very next request is the earliest any client could make.
     * (Polling every few ms did the same, until the account's read limit made it sleep a minute.)
     */
    private static JsonPath pollUntilCompleted(String key, String requestId) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response response = as(key).get("/api/v1/jobs/" + requestId + "?wait=30");
            if (response.statusCode() == 429) {
                sleep(1000L * Long.parseLong(response.header("Retry-After")));
                continue;
            }
            JsonPath job = response.then().statusCode(200).extract().jsonPath();
            switch (job.getString("status")) {
                case "COMPLETED" -> {
                    return job;
                }
                case "FAILED" -> fail("job failed: " + job.prettify());
                default -> { } // the wait ran out: ask again
            }
        }
        return fail("job " + requestId + " not finished within 60 s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
