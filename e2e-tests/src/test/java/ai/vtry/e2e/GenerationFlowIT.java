package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static ai.vtry.e2e.TryOn.generate;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** Try-on generations in every prompt mode through the gateway, with the local provider, then the history. */
class GenerationFlowIT {

    @Test
    void templatePresetRawAndFourImagesThenHistory() {
        String key = Stack.newAccount("pro");
        String personId = TryOn.composedPerson(key);
        String red = TryOn.cloth(key, Color.RED);
        String blue = TryOn.cloth(key, Color.BLUE);

        // template (the default): a production prompt built from the scene fields, prompt as extra instruction
        JsonPath template = generate(key, Map.of("model", "NanoBanana", "personId", personId, "clothesIds", List.of(red, blue),
                "scene", "a ski resort terrace with snowy mountains", "activity", "walking toward camera",
                "prompt", "premium editorial look"))
                .statusCode(202)
                .body("requestId", startsWith("req_"))
                .body("personId", equalTo(personId))
                .body("clothesIds", contains(red, blue))
                .body("promptMode", equalTo("template"))
                .body("prompt", containsString("a ski resort terrace with snowy mountains"))
                .body("prompt", containsString("Additional instruction: premium editorial look."))
                .extract().jsonPath();
        JsonPath templateJob = TryOn.awaitCompleted(key, template.getString("requestId"));
        assertEquals("generation", templateJob.getString("kind"));
        assertEquals(template.getString("prompt"), templateJob.getString("prompt"));
        assertEquals("auto", templateJob.getString("parameters.aspectRatio"));
        assertEquals(List.of(red, blue), templateJob.getList("parameters.clothesIds"));
        assertTrue(templateJob.getString("imageKey").startsWith("generations/"), templateJob.getString("imageKey"));
        Stack.decode(Stack.download(templateJob.getString("imageUrl")));

        // preset: the gallery text, then the prompt; the aspect ratio shapes the picture
        String preset = generate(key, Map.of("model", "NanoBanana", "promptPresetId", "city-walk-pose",
                "prompt", "show the jacket fully", "personId", personId, "clothesIds", List.of(red), "aspectRatio", "9:16"))
                .statusCode(202).body("promptMode", equalTo("preset"))
                .body("prompt", containsString("Additional instruction: show the jacket fully."))
                .extract().path("requestId");
        BufferedImage portrait = Stack.decode(Stack.download(TryOn.awaitCompleted(key, preset).getString("imageUrl")));
        assertEquals(9.0 / 16, (double) portrait.getWidth() / portrait.getHeight(), 0.01);

        // raw on NanoBanana2 (paid): the prompt as sent, 9:16 by default, resolution and PNG honoured
        String rawPrompt = "A full-body photo of the person from image 1 wearing the garment from image 2, studio light.";
        String raw = generate(key, Map.of("model", "NanoBanana2", "promptMode", "raw", "prompt", rawPrompt,
                "personId", personId, "clothesIds", List.of(blue), "resolution", "2K", "outputFormat", "png"))
                .statusCode(202).body("promptMode", equalTo("raw")).body("prompt", equalTo(rawPrompt))
                .extract().path("requestId");
        JsonPath rawJob = TryOn.awaitCompleted(key, raw);
        assertEquals("9:16", rawJob.getString("parameters.aspectRatio"));
        assertEquals("2K", rawJob.getString("parameters.resolution"));
        byte[] png = Stack.download(rawJob.getString("imageUrl"));
        assertEquals((byte) 0x89, png[0], "a PNG file");
        BufferedImage large = Stack.decode(png);
        assertEquals(2048, Math.max(large.getWidth(), large.getHeight()));

        // numImages 4: the job keeps all four, imageUrl is the first
        String four = generate(key, Map.of("model", "NanoBanana", "personId", personId, "clothesIds", List.of(red),
                "numImages", 4, "aspectRatio", "1:1")).statusCode(202).extract().path("requestId");
        JsonPath fourJob = TryOn.awaitCompleted(key, four);
        List<String> keys = fourJob.getList("response.images.imageKey");
        assertEquals(4, keys.size());
        assertEquals(fourJob.getString("imageKey"), keys.get(0));
        Set<Integer> distinct = new HashSet<>();
        for (String url : fourJob.<String>getList("response.images.imageUrl")) {
            distinct.add(java.util.Arrays.hashCode(Stack.download(url)));
        }
        assertEquals(4, distinct.size(), "four different images");

        // history: images only by default, newest first, paged; kind=all adds the utility jobs
        as(key).get("/api/v1/history").then().statusCode(200)
                .body("total", equalTo(4)).body("page", equalTo(1)).body("pageSize", equalTo(20))
                .body("jobs[0].id", equalTo(four)).body("jobs[3].id", equalTo(template.getString("requestId")));
        as(key).queryParam("pageSize", 3).queryParam("page", 2).get("/api/v1/history").then()
                .body("jobs.id", contains(template.getString("requestId"))).body("totalPages", equalTo(2));
        JsonPath all = as(key).queryParam("kind", "all").get("/api/v1/history").then().extract().jsonPath();
        assertEquals(7, all.getInt("total"), "4 generations, 1 compose, 2 clothes uploads");
        assertNotEquals(-1, all.getList("jobs.kind").indexOf("person-compose"));
    }
}
