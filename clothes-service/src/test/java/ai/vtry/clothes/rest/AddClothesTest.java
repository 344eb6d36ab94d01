package ai.vtry.clothes.rest;

import static ai.vtry.clothes.ClothesApi.CLOTHES;
import static ai.vtry.clothes.ClothesApi.RED_PNG;
import static io.restassured.RestAssured.given;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.vtry.clothes.ClothesApi;
import ai.vtry.clothes.PageServer;
import ai.vtry.clothes.service.ExtractPrompt;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.FakeJobService;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Adding clothes against a fake job-service: what is stored, what job is created with whose token,
 * and, with the job-results event job-service would then publish, the cloth that appears.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeJobService.class, restrictToAnnotatedClass = true)
class AddClothesTest {

    private static final byte[] SHIRT = TestImages.jpeg(300, 400, Color.RED);
    private static PageServer web;

    @ConfigProperty(name = "quarkus.rest-client.job-service.url")
    String jobServiceUrl;
    @Inject
    ObjectStorage storage;

    @BeforeAll
    static void startWeb() throws IOException {
        web = new PageServer(Map.of("shirt.jpg", SHIRT, "logo.png", RED_PNG));
    }

    @AfterAll
    static void stopWeb() {
        web.stop();
    }

    private boolean exists(String key) throws IOException {
        try (InputStream in = storage.open(key)) {
            return in != null;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> jobBody(String requestId, String bearer) {
        Map<String, Object> call = FakeJobService.recordedCall(jobServiceUrl, requestId);
        assertEquals(bearer, call.get("authorization"), "the caller's token is forwarded");
        return (Map<String, Object>) call.get("body");
    }

    @Test
    void aDirectUploadIsStoredAsItIsAndBecomesAClothWhenItsJobCompletes() {
        Account account = TestTokens.newAccount("free");
        String bearer = account.bearer();
        String requestId = given().header("Authorization", bearer)
                .multiPart("mode", "direct")
                .multiPart("file", "tee.png", RED_PNG, "application/octet-stream")
                .multiPart("sourcePageUrl", "https://shop.test/p/tee")
                .multiPart("prompt", "ignored in direct mode")
                .post(CLOTHES).then().statusCode(202)
                .body("$", aMapWithSize(1))
                .body("requestId", startsWith("req_fake"))
                .extract().path("requestId");

        Map<String, Object> job = jobBody(requestId, bearer);
        assertEquals("clothes-upload", job.get("kind"));
        assertNull(job.get("model"));
        assertNull(job.get("prompt"));
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) job.get("imageKeys");
        String key = keys.get(0);
        assertTrue(key.matches("clothes/" + account.workspaceId() + "/[0-9a-f-]{36}\\.png"), key);
        assertEquals("https://shop.test/p/tee", job.get("sourceUrl"));
        assertEquals(Map.of("mode", "direct", "sourceUrl", "https://shop.test/p/tee"), job.get("parameters"));
        assertArrayEquals(RED_PNG, storage.read(key));

        // what job-service hands over for a job without a worker: its keys and parameters, to make the cloth of
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) job.get("parameters");
        ClothesApi.publish(requestId, ClothesApi.result(JobKind.CLOTHES_UPLOAD, account.workspaceId(), key, parameters));
        Map<String, Object> cloth = ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(bearer, key), key);
        assertEquals("https://shop.test/p/tee", cloth.get("sourceUrl"));
        assertTrue(((String) cloth.get("id")).startsWith("cl_"));
    }

    @Test
    void aPictureFoundOnAPageIsImportedAndExtracted() throws IOException {
        Account account = TestTokens.newAccount("pro");
        String bearer = account.bearer();
        String page = web.base() + "/pages/import.html";
        JsonPath found = given().header("Authorization", bearer).contentType("application/json")
                .body(Map.of("url", page)).post(CLOTHES + "/source-images").then().statusCode(200)
                .extract().jsonPath();
        String imageUrl = found.getString("images[0].imageUrl");
        assertEquals(web.base() + "/img/shirt.jpg", imageUrl);
        assertEquals(1, found.getList("images").size(), "the logo is not offered");

        String requestId = given().header("Authorization", bearer)
                .multiPart("mode", "extract")
                .multiPart("model", "NanoBanana2")
                .multiPart("resolution", "2K")
                .multiPart("user_prompt", "red shirt")
                .multiPart("image_url", imageUrl)
                .multiPart("source_page_url", found.getString("images[0].sourcePageUrl"))
                .post(CLOTHES).then().statusCode(202)
                .extract().path("requestId");
        assertEquals(page, web.refererOf("shirt.jpg"), "the page is the referer of the import");

        Map<String, Object> job = jobBody(requestId, bearer);
        assertEquals("clothes-extract", job.get("kind"));
        assertEquals("NanoBanana2", job.get("model"));
        assertEquals(ExtractPrompt.of("red shirt"), job.get("prompt"));
        assertTrue(((String) job.get("prompt")).endsWith("The item to extract: red shirt"));
        assertEquals(Map.of("resolution", "2K"), job.get("options"));
        @SuppressWarnings("unchecked")
        String input = ((List<String>) job.get("imageKeys")).get(0);
        assertTrue(input.matches("clothes/" + account.workspaceId() + "/inputs/[0-9a-f-]{36}\\.jpg"), input);
        assertArrayEquals(SHIRT, storage.read(input));
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) job.get("parameters");
        assertEquals(Map.of("mode", "extract", "model", "NanoBanana2", "resolution", "2K", "userPrompt", "red shirt",
                "sourceUrl", page, "inputKey", input), parameters);
        assertEquals(page, job.get("sourceUrl"));

        // generation-service stores its result under extracts/, job-service hands it over, then announces the job
        String result = "extracts/" + account.workspaceId() + "/" + requestId + "-1.jpg";
        byte[] packshot = TestImages.jpeg(1024, 1024, Color.WHITE);
        storage.put(result, packshot, "image/jpeg");
        ClothesApi.publish(requestId, ClothesApi.result(JobKind.CLOTHES_EXTRACT, account.workspaceId(), result, parameters));
        ClothesApi.publishCompleted(requestId, ClothesApi.finished(JobKind.CLOTHES_EXTRACT, JobStatus.COMPLETED,
                account.workspaceId(), result, parameters));

        await().atMost(ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", bearer).get(CLOTHES).then().body("total", equalTo(1)));
        await().atMost(ofSeconds(30)).until(() -> !exists(input));
        JsonPath list = given().header("Authorization", bearer).get(CLOTHES).then().statusCode(200)
                .body("clothes[0].sourceUrl", equalTo(page))
                .body("clothes[0].imageUrl", startsWith("http://localhost:8080/files/clothes/" + account.workspaceId() + "/"))
                .extract().jsonPath();
        String imageLink = list.getString("clothes[0].imageUrl");
        String key = imageLink.substring("http://localhost:8080/files/".length(), imageLink.indexOf('?'));
        assertTrue(key.matches("clothes/" + account.workspaceId() + "/[0-9a-f-]{36}\\.jpg"), key);
        assertArrayEquals(packshot, storage.read(key), "the library has its own copy of the result");
        assertFalse(exists(input), "the extraction's input is gone once the job is over (job-completed)");
        assertTrue(exists(result), "generation-service's result stays for the job's history");

        given().header("Authorization", bearer).delete(CLOTHES + "/{id}", list.getString("clothes[0].id"))
                .then().statusCode(200).body("deletedKey", equalTo(key));
        assertFalse(exists(key));
    }

    @Test
    void timeoutSecondsGoesToTheJobWithinOneToSixHundred() {
        String bearer = TestTokens.newAccount("free").bearer();
        String direct = given().header("Authorization", bearer).multiPart("mode", "direct")
                .multiPart("timeoutSeconds", "15").multiPart("file", "a.png", RED_PNG, "image/png")
                .post(CLOTHES).then().statusCode(202).extract().path("requestId");
        assertEquals(15, jobBody(direct, bearer).get("timeoutSeconds"));
        String extract = given().header("Authorization", bearer).multiPart("mode", "extract").multiPart("model", "NanoBanana")
                .multiPart("timeoutSeconds", "600").multiPart("file", "a.png", RED_PNG, "image/png")
                .post(CLOTHES).then().statusCode(202).extract().path("requestId");
        assertEquals(600, jobBody(extract, bearer).get("timeoutSeconds"));

        for (String wrong : List.of("0", "601", "ten", "1.5")) {
            given().header("Authorization", bearer).multiPart("mode", "direct").multiPart("timeoutSeconds", wrong)
                    .multiPart("file", "a.png", RED_PNG, "image/png").post(CLOTHES).then().statusCode(400)
                    .body("error.details.fields.timeoutSeconds[0]", startsWith("timeoutSeconds must be a whole number"));
        }
    }

    @Test
    void resolutionDefaultsTo1KForNanoBanana2AndIsNotSentForNanoBanana() {
        String bearer = TestTokens.newAccount("ultra").bearer();
        String withDefault = given().header("Authorization", bearer).multiPart("mode", "extract")
                .multiPart("model", "NanoBanana2").multiPart("file", "a.png", RED_PNG, "image/png")
                .post(CLOTHES).then().statusCode(202).extract().path("requestId");
        assertEquals(Map.of("resolution", "1K"), jobBody(withDefault, bearer).get("options"));

        String plain = given().header("Authorization", bearer).multiPart("mode", "extract")
                .multiPart("model", "NanoBanana").multiPart("userPrompt", "the scarf")
                .multiPart("file", "a.png", RED_PNG, "image/png")
                .post(CLOTHES).then().statusCode(202).extract().path("requestId");
        Map<String, Object> job = jobBody(plain, bearer);
        assertEquals(Map.of(), job.get("options"));
        assertEquals(ExtractPrompt.of("the scarf"), job.get("prompt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) job.get("parameters");
        assertFalse(parameters.containsKey("resolution"));
        assertNull(job.get("sourceUrl"), "a file upload without a page has no source");

        String free = TestTokens.newAccount("free").bearer();
        given().header("Authorization", free).multiPart("mode", "extract").multiPart("model", "NanoBanana")
                .multiPart("file", "a.png", RED_PNG, "image/png").post(CLOTHES).then().statusCode(202);
    }

    @Test
    void anImportThatIsNoImageIsRefused() {
        String bearer = TestTokens.newAccount("free").bearer();
        given().header("Authorization", bearer).multiPart("mode", "direct")
                .multiPart("imageUrl", web.base() + "/pages/import.html")
                .post(CLOTHES).then().statusCode(400).body("error.code", equalTo("notAnImage"));
        given().header("Authorization", bearer).multiPart("mode", "direct")
                .multiPart("imageUrl", "http://127.0.0.1:" + web.port() + "/img/shirt.jpg")
                .post(CLOTHES).then().statusCode(400).body("error.code", equalTo("urlNotAllowed"));
        // an image URL alone is its own source
        String requestId = given().header("Authorization", bearer).multiPart("mode", "direct")
                .multiPart("imageUrl", web.base() + "/img/shirt.jpg")
                .post(CLOTHES).then().statusCode(202).extract().path("requestId");
        assertEquals(web.base() + "/img/shirt.jpg", jobBody(requestId, bearer).get("sourceUrl"));
    }
}
