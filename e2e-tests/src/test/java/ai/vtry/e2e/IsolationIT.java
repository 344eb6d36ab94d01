package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.awt.Color;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A second account sees nothing of the first one: every lookup is a 404, never a 403 that leaks existence. */
class IsolationIT {

    @Test
    void anotherAccountGetsNotFoundEverywhere() {
        String owner = Stack.newAccount("free");
        String stranger = Stack.newAccount("free");
        JsonPath created = as(owner).multiPart("name", "carol")
                .multiPart("files", "a.jpg", TestImages.jpeg(300, 400, Color.MAGENTA), "image/jpeg")
                .post("/api/v1/persons").then().statusCode(201).extract().jsonPath();
        String personId = created.getString("person.id");
        String imageKey = created.getString("files[0].key");
        String requestId = as(owner).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana"))
                .post("/api/v1/persons/" + personId + "/compose").then().statusCode(202).extract().path("requestId");

        as(stranger).get("/api/v1/persons").then().statusCode(200).body("persons.id", not(hasItem(personId)));
        as(stranger).get("/api/v1/persons/" + personId + "/images").then().statusCode(404).body("error.code", equalTo("notFound"));
        as(stranger).multiPart("files", "x.jpg", TestImages.jpeg(100, 100, Color.BLACK), "image/jpeg")
                .post("/api/v1/persons/" + personId + "/images").then().statusCode(404);
        as(stranger).queryParam("key", imageKey).delete("/api/v1/persons/" + personId + "/images").then().statusCode(404);
        as(stranger).contentType(ContentType.JSON).body(Map.of("name", "mine")).patch("/api/v1/persons/" + personId)
                .then().statusCode(404);
        as(stranger).contentType(ContentType.JSON).body(Map.of("model", "NanoBanana"))
                .post("/api/v1/persons/" + personId + "/compose").then().statusCode(404);
        as(stranger).delete("/api/v1/persons/" + personId).then().statusCode(404);
        as(stranger).get("/api/v1/jobs/" + requestId).then().statusCode(404).body("error.code", equalTo("notFound"));

        // Nothing the stranger tried changed the owner's person.
        as(owner).get("/api/v1/persons/" + personId + "/images").then().statusCode(200)
                .body("person.name", equalTo("carol")).body("images[0].key", equalTo(imageKey));
        as(owner).get("/api/v1/jobs/" + requestId).then().statusCode(200);
    }
}
