package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static ai.vtry.e2e.TryOn.edit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** Edits from each kind of source through the gateway; a cloth's edit can join the clothes library. */
class EditFlowIT {

    @Test
    void editAGeneratedImageAClothAndAnImageUrl() {
        String key = Stack.newAccount("pro");
        String personId = TryOn.composedPerson(key);
        String clothId = TryOn.cloth(key, Color.GREEN);
        String generation = TryOn.generate(key, Map.of("model", "NanoBanana", "personId", personId,
                "clothesIds", List.of(clothId))).statusCode(202).extract().path("requestId");
        TryOn.awaitCompleted(key, generation);

        // from a job: the reference's response shape
        String instruction = "add a natural smile while preserving the same identity and outfit";
        String fromJob = edit(key, Map.of("model", "NanoBanana2", "jobId", generation, "prompt", instruction,
                "aspectRatio", "9:16", "resolution", "2K", "outputFormat", "jpeg"))
                .statusCode(202).body("requestId", startsWith("req_"))
                .body("source.type", equalTo("job")).body("source.id", equalTo(generation))
                .body("prompt", equalTo(instruction)).extract().path("requestId");
        JsonPath jobEdit = TryOn.awaitCompleted(key, fromJob);
        assertEquals("edit", jobEdit.getString("kind"));
        assertTrue(jobEdit.getString("imageKey").startsWith("edits/"), jobEdit.getString("imageKey"));
        BufferedImage edited = Stack.decode(Stack.download(jobEdit.getString("imageUrl")));
        assertEquals(2048, edited.getHeight(), "2K, 9:16: the long side is 2048");

        // from a cloth, saved as a new cloth
        String fromCloth = edit(key, Map.of("clothId", clothId, "prompt", "change the color to deep navy",
                "saveAsClothes", true))
                .statusCode(202).body("source.type", equalTo("cloth")).body("source.id", equalTo(clothId))
                .extract().path("requestId");
        JsonPath clothEdit = TryOn.awaitCompleted(key, fromCloth);
        assertEquals("NanoBanana", clothEdit.getString("parameters.model"), "the default model");
        as(key).get("/api/v1/clothes").then().body("total", equalTo(2)); // COMPLETED: the saved cloth is listed

        // from an image URL (any link the stack may fetch: here our own signed link to the edited image)
        String url = jobEdit.getString("imageUrl");
        String fromUrl = edit(key, Map.of("imageUrl", url, "prompt", "show the person skiing"))
                .statusCode(202).body("source.type", equalTo("url")).body("source.id", equalTo(url))
                .extract().path("requestId");
        JsonPath urlEdit = TryOn.awaitCompleted(key, fromUrl);
        assertEquals(url, urlEdit.getString("sourceUrl"));
        Stack.decode(Stack.download(urlEdit.getString("imageUrl")));

        // edits are gallery images: history shows the generation and the three edits
        as(key).get("/api/v1/history").then().body("total", equalTo(4)).body("jobs[0].id", equalTo(fromUrl));
        // another workspace cannot edit these
        String stranger = Stack.newAccount("free");
        edit(stranger, Map.of("jobId", generation, "prompt", "x")).statusCode(404).body("error.code", equalTo("notFound"));
        edit(stranger, Map.of("clothId", clothId, "prompt", "x")).statusCode(404).body("error.code", equalTo("notFound"));
    }
}
