package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.awt.Color;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Bad input is a 4xx with the documented error body, never a 500. */
class BadInputIT {

    private static final String KEY = Stack.newAccount("free");

    private static ValidatableResponse isError(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON)
                .body("error.code", equalTo(code))
                .body("error.message", notNullValue())
                .body("error.details", notNullValue());
    }

    private static String person() {
        return as(KEY).multiPart("name", "dave-" + System.nanoTime())
                .multiPart("files", "a.jpg", TestImages.jpeg(200, 300, Color.CYAN), "image/jpeg")
                .post("/api/v1/persons").then().statusCode(201).extract().path("person.id");
    }

    @Test
    void authentication() {
        isError(given().baseUri(Stack.GATEWAY).get("/api/v1/persons").then(), 401, "missingApiKey");
        isError(given().baseUri(Stack.GATEWAY).header("Authorization", "Bearer nope").get("/api/v1/persons").then(),
                401, "invalidApiKey");
        isError(given().baseUri(Stack.GATEWAY).header("x-api-key", "vtry_" + "A".repeat(43)).get("/api/v1/persons").then(),
                401, "invalidApiKey");
    }

    @Test
    void personCreation() {
        isError(as(KEY).multiPart("name", "nofiles").post("/api/v1/persons").then(), 400, "validationFailed")
                .body("error.details.fields.files[0]", containsString("files"));
        var fourFiles = as(KEY).multiPart("name", "four");
        for (int i = 0; i < 4; i++) {
            fourFiles = fourFiles.multiPart("files", i + ".jpg", TestImages.jpeg(100, 100, Color.GRAY), "image/jpeg");
        }
        isError(fourFiles.post("/api/v1/persons").then(), 400, "validationFailed")
                .body("error.details.fields.files[0]", containsString("3"));
        isError(as(KEY).multiPart("name", "text").multiPart("files", "notes.jpg", "hello, not an image".getBytes(), "image/jpeg")
                .post("/api/v1/persons").then(), 400, "validationFailed")
                .body("error.details.fields.files[0]", containsString("not a JPEG, PNG or WebP"));
        byte[] huge = Arrays.copyOf(TestImages.jpeg(100, 100, Color.RED), 11 * 1024 * 1024);
        isError(as(KEY).multiPart("name", "huge").multiPart("files", "huge.jpg", huge, "image/jpeg")
                .post("/api/v1/persons").then(), 400, "validationFailed")
                .body("error.details.fields.files[0]", containsString("larger"));
        isError(as(KEY).multiPart("name", "!!!").multiPart("files", "a.jpg", TestImages.jpeg(100, 100, Color.RED), "image/jpeg")
                .post("/api/v1/persons").then(), 400, "validationFailed")
                .body("error.details.fields.name[0]", notNullValue());
        isError(as(KEY).multiPart("name", "private").multiPart("imageUrl", "http://169.254.169.254/latest/meta-data")
                .post("/api/v1/persons").then(), 400, "urlNotAllowed");
    }

    @Test
    void unknownIdsAndPaths() {
        isError(as(KEY).get("/api/v1/persons/pr_doesnotexist/images").then(), 404, "notFound");
        isError(as(KEY).delete("/api/v1/persons/pr_doesnotexist").then(), 404, "notFound");
        isError(as(KEY).get("/api/v1/jobs/req_doesnotexist").then(), 404, "notFound");
        isError(as(KEY).get("/api/v1/nothing-here").then(), 404, "notFound");
    }

    @Test
    void brokenJsonAndWrongModels() {
        String personId = person();
        isError(as(KEY).contentType(ContentType.JSON).body("{\"name\":").patch("/api/v1/persons/" + personId).then(),
                400, "invalidJson");
        isError(as(KEY).contentType(ContentType.JSON).body(Map.of("model", "Banana3"))
                .post("/api/v1/persons/" + personId + "/compose").then(), 400, "validationFailed")
                .body("error.details.fields.model[0]", containsString("NanoBanana"));
        isError(as(KEY).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/persons/" + personId + "/compose").then(), 400, "validationFailed")
                .body("error.details.fields.model[0]", containsString("required"));
        isError(as(KEY).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana2"))
                .post("/api/v1/persons/" + personId + "/compose").then(), 403, "planRequired");
    }

    @Test
    void composeNeedsReferenceImages() {
        String personId = person();
        String imageKey = as(KEY).get("/api/v1/persons/" + personId + "/images").then().extract().path("images[0].key");
        as(KEY).contentType(ContentType.JSON).body(Map.of("key", imageKey))
                .delete("/api/v1/persons/" + personId + "/images").then().statusCode(200);
        isError(as(KEY).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana"))
                .post("/api/v1/persons/" + personId + "/compose").then(), 400, "noReferenceImages");
    }
}
