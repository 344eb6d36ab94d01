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
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.vtry.clothes.ClothesApi;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * job-completed events as job-service publishes them. The events of a test share one record key,
 * so they are consumed in order: once the last one (a sentinel) shows, the earlier ones were handled.
 */
@QuarkusTest
class JobCompletedConsumerTest {

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
        ClothesApi.publish(partitionKey, ClothesApi.finished(JobKind.CLOTHES_UPLOAD, JobStatus.COMPLETED,
                account.workspaceId(), key, ClothesApi.parameters("direct", null, null)));
        ClothesApi.awaitClothWithKey(account.bearer(), key);
    }

    private static int total(Account account) {
        return given().header("Authorization", account.bearer()).get(CLOTHES).then().statusCode(200)
                .extract().path("total");
    }

    @Test
    void aRedeliveredOrRepeatedCompletionMakesOneCloth() {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String partitionKey = "req_" + UUID.randomUUID();
        String key = object("clothes/" + ws + "/" + UUID.randomUUID() + ".png");
        JobCompleted done = ClothesApi.finished(JobKind.CLOTHES_UPLOAD, JobStatus.COMPLETED, ws, key,
                ClothesApi.parameters("direct", "https://shop.test/once", null));
        ClothesApi.publish(partitionKey, done);
        ClothesApi.publish(partitionKey, done); // the same event again
        ClothesApi.publish(partitionKey, new JobCompleted(done.version(), UUID.randomUUID(), done.occurredAt(), done.jobId(),
                ws, done.userId(), done.kind(), done.status(), done.imageKeys(), null, done.parameters())); // the same job
        sentinel(account, partitionKey);

        assertEquals(2, total(account), "one cloth for the job, one for the sentinel");
        Map<String, Object> cloth = ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(account.bearer(), key), key);
        assertEquals("https://shop.test/once", cloth.get("sourceUrl"));
    }

    @Test
    void aCompletedExtractionIsCopiedIntoTheLibraryAndItsInputRemoved() throws IOException {
        Account account = TestTokens.newAccount("pro");
        String ws = account.workspaceId();
        String input = object("clothes/" + ws + "/inputs/" + UUID.randomUUID() + ".jpg");
        JobCompleted done = ClothesApi.finished(JobKind.CLOTHES_EXTRACT, JobStatus.COMPLETED, ws, null,
                ClothesApi.parameters("extract", "https://shop.test/extracted", input));
        String result = object("extracts/" + ws + "/" + done.jobId() + "-1.png");
        done = new JobCompleted(done.version(), done.eventId(), done.occurredAt(), done.jobId(), ws, done.userId(),
                done.kind(), done.status(), java.util.List.of(result), null, done.parameters());
        ClothesApi.publish(done.jobId(), done);

        String expectedKey = "clothes/" + ws + "/" + UUID.nameUUIDFromBytes(done.jobId().getBytes()) + ".png";
        Map<String, Object> cloth = ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(account.bearer(), expectedKey),
                expectedKey);
        assertEquals("https://shop.test/extracted", cloth.get("sourceUrl"));
        assertTrue(exists(expectedKey));
        assertTrue(exists(result));
        assertFalse(exists(input));
    }

    @Test
    void anEditSavedAsClothesJoinsTheLibraryAndAPlainEditDoesNot() throws IOException {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String partitionKey = "req_" + UUID.randomUUID();
        String plainResult = object("edits/" + ws + "/" + UUID.randomUUID() + "-1.jpg");
        ClothesApi.publish(partitionKey, ClothesApi.finished(JobKind.EDIT, JobStatus.COMPLETED, ws, plainResult,
                Map.of("source", Map.of("type", "cloth", "id", "cl_x"))));
        JobCompleted saved = ClothesApi.finished(JobKind.EDIT, JobStatus.COMPLETED, ws, null,
                Map.of("saveAsClothes", true, "sourceUrl", "https://shop.test/edited"));
        String savedResult = object("edits/" + ws + "/" + saved.jobId() + "-1.png");
        ClothesApi.publish(partitionKey, new JobCompleted(saved.version(), saved.eventId(), saved.occurredAt(),
                saved.jobId(), ws, saved.userId(), saved.kind(), saved.status(), java.util.List.of(savedResult), null,
                saved.parameters()));
        sentinel(account, partitionKey);

        assertEquals(2, total(account), "the saved edit and the sentinel, not the plain edit");
        String expectedKey = "clothes/" + ws + "/" + UUID.nameUUIDFromBytes(saved.jobId().getBytes()) + ".png";
        Map<String, Object> cloth = ClothesApi.clothWithKey(ClothesApi.awaitClothWithKey(account.bearer(), expectedKey),
                expectedKey);
        assertEquals("https://shop.test/edited", cloth.get("sourceUrl"));
        assertTrue(exists(savedResult), "the edit's own image stays, the cloth has a copy");
    }

    @Test
    void failedJobsOtherKindsAndForeignKeysMakeNoCloth() throws IOException {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String partitionKey = "req_" + UUID.randomUUID();
        String input = object("clothes/" + ws + "/inputs/" + UUID.randomUUID() + ".jpg");

        ClothesApi.publish(partitionKey, ClothesApi.finished(JobKind.CLOTHES_EXTRACT, JobStatus.FAILED, ws, null,
                ClothesApi.parameters("extract", null, input)));
        ClothesApi.publish(partitionKey, ClothesApi.finished(JobKind.PERSON_COMPOSE, JobStatus.COMPLETED, ws,
                "composites/" + ws + "/x-1.jpg", Map.of("personId", "pr_x")));
        ClothesApi.publish(partitionKey, ClothesApi.finished(JobKind.GENERATION, JobStatus.COMPLETED, ws,
                "generations/" + ws + "/x-1.jpg", Map.of()));
        ClothesApi.publish(partitionKey, ClothesApi.finished(JobKind.CLOTHES_UPLOAD, JobStatus.COMPLETED, ws,
                "clothes/ws_someone_else/stolen.png", ClothesApi.parameters("direct", null, null)));
        ClothesApi.publish(partitionKey, ClothesApi.finished(JobKind.CLOTHES_UPLOAD, JobStatus.COMPLETED, ws,
                "clothes/" + ws + "/inputs/not-a-result.png", ClothesApi.parameters("direct", null, null)));
        sentinel(account, partitionKey);

        assertEquals(1, total(account), "only the sentinel");
        assertFalse(exists(input), "a failed extraction's input is removed too");
    }

    @Test
    void anUnreadableEventIsDeadLettered() {
        String key = "req_" + UUID.randomUUID();
        TestKafka.send(Topics.JOB_COMPLETED, key, "{not an event");
        assertEquals(key, TestKafka.await(Topics.deadLetter(Topics.JOB_COMPLETED), r -> key.equals(r.key()),
                java.time.Duration.ofSeconds(30)).key());
        given().header("Authorization", TestTokens.newAccount("free").bearer()).get(CLOTHES).then().body("total", equalTo(0));
    }
}
