package ai.vtry.clothes.rest;

import static ai.vtry.clothes.ClothesApi.BLUE_JPEG;
import static ai.vtry.clothes.ClothesApi.CLOTHES;
import static ai.vtry.clothes.ClothesApi.RED_PNG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.vtry.clothes.ClothesApi;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The clothes API with job-service down (nothing listens at its URL in this class). */
@QuarkusTest
class ClothesResourceTest {

    @Inject
    ObjectStorage storage;
    @Inject
    S3Client s3;
    @ConfigProperty(name = "vtry.storage.bucket")
    String bucket;

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer);
    }

    private static RequestSpecification upload(String bearer) {
        return as(bearer).multiPart("file", "shirt.png", RED_PNG, "image/png");
    }

    private boolean exists(String key) throws IOException {
        try (InputStream in = storage.open(key)) {
            return in != null;
        }
    }

    /** A cloth made the way the consumer makes it, from a completed direct upload. */
    private String storedCloth(Account account, String name, String sourceUrl) {
        String key = "clothes/" + account.workspaceId() + "/" + name + ".png";
        storage.put(key, RED_PNG, "image/png");
        ClothesApi.publish(account.workspaceId(), ClothesApi.result(JobKind.CLOTHES_UPLOAD, account.workspaceId(), key, ClothesApi.parameters("direct", sourceUrl, null)));
        return key;
    }

    // ---------------------------------------------------------------- POST validation

    @Test
    void everyRuleOfTheReferenceNamesItsField() {
        String free = TestTokens.newAccount("free").bearer();
        String pro = TestTokens.newAccount("pro").bearer();

        as(free).multiPart("file", "a.png", RED_PNG, "image/png").post(CLOTHES).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.mode", contains("mode is required"));
        upload(free).multiPart("mode", "copy").post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.mode", contains("mode must be direct or extract"));
        as(free).multiPart("mode", "direct").post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.file", contains("Send a file or an imageUrl"));
        upload(free).multiPart("mode", "direct").multiPart("imageUrl", "https://example.com/a.jpg").post(CLOTHES)
                .then().statusCode(400)
                .body("error.details.fields.imageUrl", contains("Send either file or imageUrl, not both"));
        upload(free).multiPart("mode", "direct").multiPart("image_url", "https://example.com/a.jpg").post(CLOTHES)
                .then().statusCode(400)
                .body("error.details.fields.imageUrl", contains("Send either file or imageUrl, not both"));
        upload(free).multiPart("file", "b.png", RED_PNG, "image/png").multiPart("mode", "direct").post(CLOTHES)
                .then().statusCode(400)
                .body("error.details.fields.file", contains("Send one file, got 2"));
        as(free).multiPart("mode", "direct").multiPart("imageUrl", "ftp://example.com/a.jpg").post(CLOTHES)
                .then().statusCode(400)
                .body("error.details.fields.imageUrl", contains("imageUrl must be an http or https URL"));
        upload(free).multiPart("mode", "direct").multiPart("source_page_url", "not a url").post(CLOTHES)
                .then().statusCode(400)
                .body("error.details.fields.sourcePageUrl", contains("sourcePageUrl must be an http or https URL"));
        upload(free).multiPart("mode", "direct").multiPart("model", "NanoBanana").post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.model", contains("model must not be sent with direct mode"));
        upload(free).multiPart("mode", "extract").post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.model", contains("model is required for extract mode"));
        upload(free).multiPart("mode", "extract").multiPart("model", "Banana").post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.model", contains("model must be NanoBanana or NanoBanana2"));
        upload(pro).multiPart("mode", "extract").multiPart("model", "NanoBanana").multiPart("resolution", "2K")
                .post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.resolution", contains("resolution is only supported when model is NanoBanana2"));
        upload(pro).multiPart("mode", "direct").multiPart("resolution", "2K").post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.resolution", contains("resolution is only supported when model is NanoBanana2"));
        upload(pro).multiPart("mode", "extract").multiPart("model", "NanoBanana2").multiPart("resolution", "8K")
                .post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.resolution", contains("resolution must be 1K, 2K or 4K"));
        upload(pro).multiPart("mode", "extract").multiPart("model", "NanoBanana").multiPart("user_prompt", "x".repeat(1001))
                .post(CLOTHES).then().statusCode(400)
                .body("error.details.fields.prompt", contains("prompt must be at most 1000 characters"));
        // every problem at once
        as(free).multiPart("model", "NanoBanana").multiPart("resolution", "9K").post(CLOTHES).then().statusCode(400)
                .body("error.details.fields", hasKey("mode"))
                .body("error.details.fields", hasKey("file"))
                .body("error.details.fields", hasKey("resolution"));
    }

    @Test
    void filesMustBeRealImagesWithinTheLimit() throws IOException {
        String bearer = TestTokens.newAccount("free").bearer();
        as(bearer).multiPart("mode", "direct").multiPart("file", "notes.png", "plain text".getBytes(StandardCharsets.UTF_8), "image/png")
                .post(CLOTHES).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.file", contains("file (notes.png) is not a JPEG, PNG or WebP image"));
        Path big = Files.createTempFile("oversized", ".png");
        try {
            try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
                file.write(RED_PNG);
                file.setLength(10L * 1024 * 1024 + 1);
            }
            as(bearer).multiPart("mode", "direct").multiPart("file", big.toFile(), "image/png").post(CLOTHES)
                    .then().statusCode(400)
                    .body("error.details.fields.file", contains("file is larger than 10 MB"));
        } finally {
            Files.delete(big);
        }
    }

    @Test
    void nanoBanana2NeedsAPaidPlan() {
        Account free = TestTokens.newAccount("free");
        upload(free.bearer()).multiPart("mode", "extract").multiPart("model", "NanoBanana2").post(CLOTHES)
                .then().statusCode(403).body("error.code", equalTo("planRequired"));
        upload(free.bearer()).multiPart("mode", "extract").multiPart("model", "NanoBanana2").multiPart("resolution", "4K")
                .post(CLOTHES).then().statusCode(403).body("error.code", equalTo("planRequired"));
        // validation comes first
        as(free.bearer()).multiPart("mode", "extract").multiPart("model", "NanoBanana2").post(CLOTHES)
                .then().statusCode(400);
    }

    @Test
    void whileJobServiceIsDownNothingIsLeftBehind() {
        Account account = TestTokens.newAccount("pro");
        upload(account.bearer()).multiPart("mode", "extract").multiPart("model", "NanoBanana2").post(CLOTHES)
                .then().statusCode(502).body("error.code", equalTo("jobServiceUnavailable"));
        upload(account.bearer()).multiPart("mode", "direct").post(CLOTHES)
                .then().statusCode(502).body("error.code", equalTo("jobServiceUnavailable"));
        List<String> left = s3.listObjectsV2(b -> b.bucket(bucket).prefix("clothes/" + account.workspaceId() + "/"))
                .contents().stream().map(S3Object::key).toList();
        assertEquals(List.of(), left, "the stored input is removed again");
    }

    // ---------------------------------------------------------------- list, delete

    @Test
    void listsPageByPageNewestFirstWithSignedLinks() {
        Account account = TestTokens.newAccount("free");
        String bearer = account.bearer();
        as(bearer).get(CLOTHES).then().statusCode(200)
                .body("clothes", empty()).body("page", equalTo(1)).body("total", equalTo(0)).body("totalPages", equalTo(0))
                .body("$", aMapWithSize(4));

        String first = storedCloth(account, "first", "https://shop.test/first");
        ClothesApi.awaitClothWithKey(bearer, first);
        String second = storedCloth(account, "second", null);
        ClothesApi.awaitClothWithKey(bearer, second);
        String third = storedCloth(account, "third", "https://shop.test/third");
        JsonPath all = ClothesApi.awaitClothWithKey(bearer, third);
        assertEquals(3, all.getInt("total"));

        as(bearer).queryParam("pageSize", 2).get(CLOTHES).then().statusCode(200)
                .body("clothes.id", contains(startsWith("cl_"), startsWith("cl_")))
                .body("clothes[0].imageUrl", startsWith("http://localhost:8080/files/" + third + "?expires="))
                .body("clothes[0].imageUrl", containsString("signature="))
                .body("clothes[0].sourceUrl", equalTo("https://shop.test/third"))
                .body("clothes[1].imageUrl", startsWith("http://localhost:8080/files/" + second + "?"))
                .body("clothes[1]", hasKey("sourceUrl"))
                .body("clothes[1].sourceUrl", nullValue())
                .body("page", equalTo(1)).body("total", equalTo(3)).body("totalPages", equalTo(2));
        as(bearer).queryParam("page", 2).queryParam("pageSize", 2).get(CLOTHES).then().statusCode(200)
                .body("clothes.imageUrl", contains(startsWith("http://localhost:8080/files/" + first + "?")))
                .body("page", equalTo(2));
        as(bearer).queryParam("page", 3).queryParam("pageSize", 2).get(CLOTHES).then().statusCode(200)
                .body("clothes", empty()).body("total", equalTo(3));
        // at the integer limits: still an empty page, not an overflowing offset
        as(bearer).queryParam("page", Integer.MAX_VALUE).queryParam("pageSize", 100).get(CLOTHES).then().statusCode(200)
                .body("clothes", empty()).body("total", equalTo(3));
        // the default page size is 8
        as(bearer).get(CLOTHES).then().body("clothes.size()", equalTo(3)).body("totalPages", equalTo(1));
        // other workspaces see none of it
        as(TestTokens.newAccount("free").bearer()).get(CLOTHES).then().body("total", equalTo(0));
    }

    @Test
    void pagingParametersAreChecked() {
        String bearer = TestTokens.newAccount("free").bearer();
        as(bearer).queryParam("page", 0).get(CLOTHES).then().statusCode(400)
                .body("error.details.fields.page", contains("page must be a positive integer"));
        as(bearer).queryParam("page", "two").get(CLOTHES).then().statusCode(400)
                .body("error.details.fields", hasKey("page"));
        as(bearer).queryParam("pageSize", 101).get(CLOTHES).then().statusCode(400)
                .body("error.details.fields.pageSize", contains("pageSize must be an integer from 1 to 100"));
        as(bearer).queryParam("pageSize", 100).get(CLOTHES).then().statusCode(200);
    }

    @Test
    void deletingRemovesTheRowAndTheObjectOnlyInTheOwnersWorkspace() throws IOException {
        Account owner = TestTokens.newAccount("free");
        String key = storedCloth(owner, "to-delete-" + UUID.randomUUID(), "https://shop.test/p");
        String id = (String) ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(owner.bearer(), key), key).get("id");

        as(TestTokens.newAccount("free").bearer()).delete(CLOTHES + "/{id}", id).then().statusCode(404)
                .body("error.code", equalTo("notFound"));
        assertEquals(true, exists(key));

        as(owner.bearer()).delete(CLOTHES + "/{id}", id).then().statusCode(200)
                .body("clothId", equalTo(id))
                .body("deletedKey", equalTo(key))
                .body("$", aMapWithSize(2));
        assertEquals(false, exists(key));
        as(owner.bearer()).get(CLOTHES).then().body("total", equalTo(0));
        as(owner.bearer()).delete(CLOTHES + "/{id}", id).then().statusCode(404);
        as(owner.bearer()).delete(CLOTHES + "/{id}", "cl_doesnotexist").then().statusCode(404);
    }

    @Test
    void requestsWithoutATokenAreUnauthorized() {
        given().get(CLOTHES).then().statusCode(401);
        given().multiPart("mode", "direct").multiPart("file", "a.jpg", BLUE_JPEG, "image/jpeg").post(CLOTHES).then().statusCode(401);
        given().delete(CLOTHES + "/cl_x").then().statusCode(401);
        given().contentType("application/json").body(Map.of("url", "https://example.com")).post(CLOTHES + "/source-images")
                .then().statusCode(401);
    }

    @Test
    void internalLookupGivesKeysOfTheCallersClothesOnly() {
        Account owner = TestTokens.newAccount("free");
        Account other = TestTokens.newAccount("free");
        String key = "clothes/" + owner.workspaceId() + "/" + UUID.randomUUID() + ".png";
        storage.put(key, RED_PNG, "image/png");
        ClothesApi.publish("req_" + UUID.randomUUID(), ClothesApi.result(JobKind.CLOTHES_UPLOAD, owner.workspaceId(), key, ClothesApi.parameters("direct", "https://shop.test/p", null)));
        String id = (String) ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(owner.bearer(), key), key).get("id");

        given().header("Authorization", owner.bearer()).queryParam("ids", id + ",cl_missing").get("/internal/clothes")
                .then().statusCode(200)
                .body("clothes", org.hamcrest.Matchers.hasSize(1))
                .body("clothes[0].id", equalTo(id))
                .body("clothes[0].imageKey", equalTo(key))
                .body("clothes[0].sourceUrl", equalTo("https://shop.test/p"));
        given().header("Authorization", other.bearer()).queryParam("ids", id).get("/internal/clothes")
                .then().statusCode(200).body("clothes", empty());
        given().header("Authorization", owner.bearer()).get("/internal/clothes")
                .then().statusCode(400).body("error.details.fields", hasKey("ids"));
        given().queryParam("ids", id).get("/internal/clothes").then().statusCode(401);
    }
}
