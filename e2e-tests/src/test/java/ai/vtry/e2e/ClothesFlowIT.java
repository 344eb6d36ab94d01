package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.path.json.JsonPath;

/** Clothes through the gateway: a direct upload and a garment extraction become clothes in the library. */
class ClothesFlowIT {

    private static JsonPath awaitJob(String key, String requestId) {
        JsonPath job = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> as(key).get("/api/v1/jobs/" + requestId).then().statusCode(200).extract().jsonPath(),
                        j -> !List.of("QUEUED", "PROCESSING").contains(j.getString("status")));
        assertEquals("COMPLETED", job.getString("status"), () -> "job ended " + job.prettify());
        return job;
    }

    private static Map<String, Object> awaitCloth(String key, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> as(key).get("/api/v1/clothes").then().statusCode(200).extract().jsonPath(),
                        list -> list.getInt("total") == count)
                .getMap("clothes[0]");
    }

    @Test
    void directUploadAndExtractionFillTheLibrary() {
        String key = Stack.newAccount("free");
        String direct = as(key).multiPart("mode", "direct")
                .multiPart("file", "dress.jpg", TestImages.jpeg(500, 700, Color.RED), "image/jpeg")
                .multiPart("sourcePageUrl", "https://shop.example/products/red-dress")
                .post("/api/v1/clothes")
                .then().statusCode(202).body("requestId", startsWith("req_")).extract().path("requestId");
        awaitJob(key, direct);
        Map<String, Object> cloth = awaitCloth(key, 1);
        assertEquals("https://shop.example/products/red-dress", cloth.get("sourceUrl"));
        assertTrue(((String) cloth.get("id")).startsWith("cl_"));
        Stack.decode(Stack.download((String) cloth.get("imageUrl")));

        String extract = as(key).multiPart("mode", "extract").multiPart("model", "NanoBanana")
                .multiPart("user_prompt", "the red dress")
                .multiPart("file", "look.png", TestImages.png(600, 800, Color.BLUE), "image/png")
                .post("/api/v1/clothes")
                .then().statusCode(202).extract().path("requestId");
        JsonPath job = awaitJob(key, extract);
        BufferedImage packshot = Stack.decode(Stack.download(job.getString("imageUrl")));
        assertEquals(packshot.getWidth(), packshot.getHeight(), "a square packshot");
        Map<String, Object> extracted = awaitCloth(key, 2);

        String clothId = (String) extracted.get("id");
        String stranger = Stack.newAccount("free");
        as(stranger).delete("/api/v1/clothes/" + clothId).then().statusCode(404).body("error.code", equalTo("notFound"));
        as(key).delete("/api/v1/clothes/" + clothId).then().statusCode(200)
                .body("clothId", equalTo(clothId)).body("deletedKey", containsString("clothes/"));
        as(key).get("/api/v1/clothes").then().body("total", equalTo(1));
    }

    @Test
    void modelRulesAndPlans() {
        String key = Stack.newAccount("free");
        byte[] image = TestImages.jpeg(300, 400, Color.GREEN);
        as(key).multiPart("mode", "direct").multiPart("model", "NanoBanana")
                .multiPart("file", "a.jpg", image, "image/jpeg").post("/api/v1/clothes")
                .then().statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.model[0]", org.hamcrest.Matchers.notNullValue());
        as(key).multiPart("mode", "extract").multiPart("file", "a.jpg", image, "image/jpeg").post("/api/v1/clothes")
                .then().statusCode(400).body("error.details.fields.model[0]", org.hamcrest.Matchers.notNullValue());
        as(key).multiPart("mode", "extract").multiPart("model", "NanoBanana2")
                .multiPart("file", "a.jpg", image, "image/jpeg").post("/api/v1/clothes")
                .then().statusCode(403).body("error.code", equalTo("planRequired"));
    }
}
