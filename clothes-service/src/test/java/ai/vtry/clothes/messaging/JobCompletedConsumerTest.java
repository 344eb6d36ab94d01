package ai.vtry.clothes.messaging;

import static ai.vtry.clothes.ClothesApi.RED_PNG;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.vtry.clothes.ClothesApi;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** job-completed events: a finished extraction's input goes, COMPLETED or FAILED; nothing else is touched. */
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

    @Test
    void aFinishedExtractionsInputIsRemovedAndNothingElse() throws IOException {
        String ws = TestTokens.newAccount("pro").workspaceId();
        String partitionKey = "req_" + UUID.randomUUID();
        String failedInput = object("clothes/" + ws + "/inputs/" + UUID.randomUUID() + ".jpg");
        String completedInput = object("clothes/" + ws + "/inputs/" + UUID.randomUUID() + ".jpg");
        String foreign = object("clothes/ws_someone_else/inputs/" + UUID.randomUUID() + ".jpg");
        String notAnInput = object("clothes/" + ws + "/" + UUID.randomUUID() + ".png");

        ClothesApi.publishCompleted(partitionKey, ClothesApi.finished(JobKind.CLOTHES_EXTRACT, JobStatus.FAILED, ws, null,
                ClothesApi.parameters("extract", null, failedInput)));
        ClothesApi.publishCompleted(partitionKey, ClothesApi.finished(JobKind.CLOTHES_EXTRACT, JobStatus.FAILED, ws, null,
                ClothesApi.parameters("extract", null, foreign)));
        ClothesApi.publishCompleted(partitionKey, ClothesApi.finished(JobKind.CLOTHES_UPLOAD, JobStatus.COMPLETED, ws,
                notAnInput, Map.of("mode", "direct", "inputKey", notAnInput)));
        ClothesApi.publishCompleted(partitionKey, ClothesApi.finished(JobKind.CLOTHES_EXTRACT, JobStatus.COMPLETED, ws,
                "extracts/" + ws + "/x-1.png", ClothesApi.parameters("extract", null, completedInput)));

        // Same partition, so once the last input is gone the earlier events were handled.
        await().atMost(Duration.ofSeconds(30)).until(() -> !exists(completedInput));
        assertTrue(!exists(failedInput), "a failed extraction's input is removed too");
        assertTrue(exists(foreign), "never another workspace's object");
        assertTrue(exists(notAnInput), "never anything outside inputs/");
    }

    @Test
    void anUnreadableEventIsDeadLettered() {
        String key = "req_" + UUID.randomUUID();
        TestKafka.send(Topics.JOB_COMPLETED, key, "{not an event");
        assertEquals(key, TestKafka.await(Topics.deadLetter(Topics.JOB_COMPLETED), r -> key.equals(r.key()),
                Duration.ofSeconds(30)).key());
    }
}
