package ai.vtry.clothes.messaging;

import static ai.vtry.clothes.ClothesApi.CLOTHES;
import static ai.vtry.clothes.ClothesApi.RED_PNG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.clothes.ClothesApi;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobResult;
import ai.vtry.common.event.Topics;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * job-results events as job-service publishes them. The events of a test share one record key,
 * so they are consumed in order: once the last one (a sentinel) shows, the earlier ones were handled.
 */
@QuarkusTest
class JobResultConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStorage storage;

    private boolean exists(String key) throws IOException {
        try (InputStream in = storage.open(key)) {
            return in != null;
        }
    }

    private String object(String key) {
        storage.put(key, RED_PNG, "image/png");
        return key;
    }

    /** A completed direct upload, published last, whose cloth shows when everything before it was handled. */
    private void sentinel(Account account, String partitionKey) {
        String key = object("clothes/" + account.workspaceId() + "/sentinel-" + UUID.randomUUID() + ".png");
        ClothesApi.publish(partitionKey, ClothesApi.result(JobKind.CLOTHES_UPLOAD, account.workspaceId(), key,
                ClothesApi.parameters("direct", null, null)));
        ClothesApi.awaitClothWithKey(account.bearer(), key);
    }

    private static int total(Account account) {
        return given().header("Authorization", account.bearer()).get(CLOTHES).then().statusCode(200)
                .extract().path("total");
    }

    @Test
    void aRedeliveredOrRepeatedResultMakesOneCloth() throws Exception {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String partitionKey = "req_" + UUID.randomUUID();
        String key = object("clothes/" + ws + "/" + UUID.randomUUID() + ".png");
        JobResult done = ClothesApi.result(JobKind.CLOTHES_UPLOAD, ws, key,
                ClothesApi.parameters("direct", "https://shop.test/once", null));
        ClothesApi.publish(partitionKey, done);
        ClothesApi.publish(partitionKey, done); // the same event again
        ClothesApi.publish(partitionKey, new JobResult(done.version(), UUID.randomUUID(), done.occurredAt(), done.jobId(),
                ws, done.userId(), done.kind(), done.owner(), done.imageKeys(), done.parameters())); // the same job
        sentinel(account, partitionKey);

        assertEquals(2, total(account), "one cloth for the job, one for the sentinel");
        Map<String, Object> cloth = ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(account.bearer(), key), key);
        assertEquals("https://shop.test/once", cloth.get("sourceUrl"));
        // Each delivery is answered, so job-service completes the job whichever answer it reads first.
        JsonNode answer = JSON.readTree(TestKafka.await(Topics.JOB_RESULTS_APPLIED, r -> done.jobId().equals(r.key()),
                Duration.ofSeconds(30)).value());
        assertEquals("clothes-service", answer.get("owner").asText());
    }

    @Test
    void aCompletedExtractionIsCopiedIntoTheLibrary() throws IOException {
        Account account = TestTokens.newAccount("pro");
        String ws = account.workspaceId();
        String input = object("clothes/" + ws + "/inputs/" + UUID.randomUUID() + ".jpg");
        JobResult done = ClothesApi.result(JobKind.CLOTHES_EXTRACT, ws, null,
                ClothesApi.parameters("extract", "https://shop.test/extracted", input));
        String result = object("extracts/" + ws + "/" + done.jobId() + "-1.png");
        done = ClothesApi.withImage(done, result);
        ClothesApi.publish(done.jobId(), done);

        String expectedKey = "clothes/" + ws + "/" + UUID.nameUUIDFromBytes(done.jobId().getBytes()) + ".png";
        Map<String, Object> cloth = ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(account.bearer(), expectedKey),
                expectedKey);
        assertEquals("https://shop.test/extracted", cloth.get("sourceUrl"));
        assertTrue(exists(expectedKey));
        assertTrue(exists(result));
        assertTrue(exists(input), "the input goes when the job is over (job-completed), not before");
    }

    @Test
    void anEditSavedAsClothesJoinsTheLibraryAndAPlainEditDoesNot() throws IOException {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String partitionKey = "req_" + UUID.randomUUID();
        String plainResult = object("edits/" + ws + "/" + UUID.randomUUID() + "-1.jpg");
        // A plain edit has no owner; were it sent here by mistake, it would still make no cloth.
        JobResult plain = ClothesApi.result(JobKind.EDIT, ws, plainResult, Map.of("source", Map.of("type", "cloth", "id", "cl_x")));
        ClothesApi.publish(partitionKey, new JobResult(plain.version(), plain.eventId(), plain.occurredAt(), plain.jobId(),
                ws, plain.userId(), plain.kind(), null, plain.imageKeys(), plain.parameters()));
        JobResult saved = ClothesApi.result(JobKind.EDIT, ws, null,
                Map.of("saveAsClothes", true, "sourceUrl", "https://shop.test/edited"));
        String savedResult = object("edits/" + ws + "/" + saved.jobId() + "-1.png");
        ClothesApi.publish(partitionKey, ClothesApi.withImage(saved, savedResult));
        sentinel(account, partitionKey);

        assertEquals(2, total(account), "the saved edit and the sentinel, not the plain edit");
        String expectedKey = "clothes/" + ws + "/" + UUID.nameUUIDFromBytes(saved.jobId().getBytes()) + ".png";
        Map<String, Object> cloth = ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(account.bearer(), expectedKey),
                expectedKey);
        assertEquals("https://shop.test/edited", cloth.get("sourceUrl"));
        assertTrue(exists(savedResult), "the edit's own image stays, the cloth has a copy");
    }

    @Test
    void otherOwnersAndForeignKeysMakeNoCloth() {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String partitionKey = "req_" + UUID.randomUUID();

        ClothesApi.publish(partitionKey, ClothesApi.result(JobKind.PERSON_COMPOSE, ws,
                "composites/" + ws + "/x-1.jpg", Map.of("personId", "pr_x")));
        ClothesApi.publish(partitionKey, ClothesApi.result(JobKind.CLOTHES_UPLOAD, ws,
                "clothes/ws_someone_else/stolen.png", ClothesApi.parameters("direct", null, null)));
        JobResult notAResult = ClothesApi.result(JobKind.CLOTHES_UPLOAD, ws,
                "clothes/" + ws + "/inputs/not-a-result.png", ClothesApi.parameters("direct", null, null));
        ClothesApi.publish(partitionKey, notAResult);
        sentinel(account, partitionKey);

        assertEquals(1, total(account), "only the sentinel");
        // Refused, yet answered: the job completes (without a cloth) instead of waiting forever.
        TestKafka.await(Topics.JOB_RESULTS_APPLIED, r -> notAResult.jobId().equals(r.key()), Duration.ofSeconds(30));
    }

    @Test
    void anUnreadableResultIsDeadLettered() {
        String key = "req_" + UUID.randomUUID();
        TestKafka.send(Topics.JOB_RESULTS, key, "{not an event");
        assertEquals(key, TestKafka.await(Topics.deadLetter(Topics.JOB_RESULTS), r -> key.equals(r.key()),
                Duration.ofSeconds(30)).key());
        given().header("Authorization", TestTokens.newAccount("free").bearer()).get(CLOTHES).then().body("total", equalTo(0));
    }
}
