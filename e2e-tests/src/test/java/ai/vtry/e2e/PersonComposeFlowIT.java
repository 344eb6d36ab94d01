package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The walking skeleton's promise: person, images, compose, poll, download, all through the gateway. */
class PersonComposeFlowIT {

    @Test
    void createComposePollAndDownload() {
        String key = Stack.newAccount("free");
        byte[] front = TestImages.jpeg(600, 900, Color.RED);
        byte[] side = TestImages.png(500, 800, Color.BLUE);

        // curl sends form fields as UTF-8 without a charset; RestAssured must be told to do the same.
        JsonPath created = as(key)
                .multiPart(new MultiPartSpecBuilder("Alice Émilie").controlName("name").charset(StandardCharsets.UTF_8).build())
                .multiPart("files", "front.jpg", front, "image/jpeg")
                .multiPart("files", "side.png", side, "image/png")
                .post("/api/v1/persons")
                .then().statusCode(201)
                .body("person.id", startsWith("pr_"))
                .body("person.name", equalTo("alice-emilie"))
                .body("files", hasSize(2))
                .body("files[0].fileName", equalTo("front.jpg"))
                .body("files[0].contentType", equalTo("image/jpeg"))
                .body("files[0].size", equalTo(front.length))
                .body("files[1].contentType", equalTo("image/png"))
                .body("remaining", equalTo(1))
                .extract().jsonPath();
        String personId = created.getString("person.id");
        assertArrayEquals(front, Stack.download(created.getString("files[0].url")), "stored bytes come back unchanged");

        // x-api-key works as well as Bearer.
        given().baseUri(Stack.GATEWAY).header("x-api-key", key)
                .multiPart("files", "back.jpg", TestImages.jpeg(400, 700, Color.GREEN), "image/jpeg")
                .post("/api/v1/persons/" + personId + "/images")
                .then().statusCode(201).body("remaining", equalTo(0));

        as(key).get("/api/v1/persons").then().statusCode(200)
                .body("persons.find { it.id == '" + personId + "' }.coverUrl", nullValue());

        String requestId = as(key).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana"))
                .post("/api/v1/persons/" + personId + "/compose")
                .then().statusCode(202)
                .body("personId", equalTo(personId))
                .body("requestId", startsWith("req_"))
                .extract().path("requestId");

        JsonPath job = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as(key).get("/api/v1/jobs/" + requestId).then().statusCode(200).extract().jsonPath(),
                        j -> !List.of("QUEUED", "PROCESSING").contains(j.getString("status")));
        assertEquals("COMPLETED", job.getString("status"), () -> "job ended " + job.prettify());
        assertEquals(requestId, job.getString("id"));
        assertEquals(personId, job.getString("parameters.personId"));
        assertEquals("NanoBanana", job.getString("parameters.model"));
        assertTrue(job.getString("imageKey").endsWith(requestId + "-1.jpg"), job.getString("imageKey"));
        assertNull(job.get("error"));

        byte[] composite = Stack.download(job.getString("imageUrl"));
        BufferedImage image = Stack.decode(composite);
        assertEquals(3 * 512, image.getWidth(), "a 1x3 composite of portrait panels");

        String coverUrl = as(key).get("/api/v1/persons").then().extract().<String>path(
                "persons.find { it.id == '" + personId + "' }.coverUrl"); // COMPLETED: the cover is there
        assertNotNull(coverUrl, "the composed person's cover");
        assertArrayEquals(composite, Stack.download(coverUrl), "the cover is the composite");
    }

    @Test
    void renameMovesTheImagesAndDeleteRemovesThem() {
        String key = Stack.newAccount("free");
        JsonPath created = as(key).multiPart("name", "bob")
                .multiPart("files", "a.jpg", TestImages.jpeg(300, 400, Color.ORANGE), "image/jpeg")
                .multiPart("files", "b.jpg", TestImages.jpeg(300, 400, Color.PINK), "image/jpeg")
                .post("/api/v1/persons").then().statusCode(201).extract().jsonPath();
        String personId = created.getString("person.id");
        String oldUrl = created.getString("files[0].url");

        as(key).contentType(ContentType.JSON).body(Map.of("newName", "Bob Junior"))
                .patch("/api/v1/persons/" + personId)
                .then().statusCode(200).body("person.name", equalTo("bob-junior")).body("moved", equalTo(2));

        JsonPath images = as(key).get("/api/v1/persons/" + personId + "/images").then().statusCode(200)
                .body("person.name", equalTo("bob-junior")).body("images", hasSize(2)).extract().jsonPath();
        String firstKey = images.getString("images[0].key");
        assertTrue(firstKey.contains("/bob-junior/"), firstKey);
        assertNotNull(Stack.download(images.getString("images[0].url")));
        given().get(oldUrl).then().statusCode(404); // the object moved away from the old key

        as(key).queryParam("key", firstKey).delete("/api/v1/persons/" + personId + "/images")
                .then().statusCode(200).body("deletedKey", equalTo(firstKey));
        as(key).delete("/api/v1/persons/" + personId)
                .then().statusCode(200).body("person.id", equalTo(personId)).body("deleted", equalTo(1));
        as(key).get("/api/v1/persons/" + personId + "/images").then().statusCode(404);
    }

    @Test
    void meDescribesTheAccountAndPlan() {
        String key = Stack.newAccount("pro");
        as(key).get("/api/v1/me").then().statusCode(200)
                .body("subscription.planId", equalTo("pro"))
                .body("subscription.planLabel", equalTo("Pro"))
                .body("workspace.isWorkspaceOwner", equalTo(true));
    }
}
