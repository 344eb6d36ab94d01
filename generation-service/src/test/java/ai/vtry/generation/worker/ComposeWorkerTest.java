package ai.vtry.generation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobRequested;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.id.Ids;
import ai.vtry.common.outbox.ProcessedEvents;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.generation.provider.local.LocalCompositor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import jakarta.inject.Inject;

@QuarkusTest
class ComposeWorkerTest {

    private static final Duration WAIT = StatusReports.WAIT;

    @Inject
    ObjectMapper json;
    @Inject
    ObjectStorage storage;
    @Inject
    Pool pool;
    @Inject
    TaskLedger ledger;

    @Inject
    ProcessedEvents processedEvents;

    private JobRequested request(String jobId, List<String> keys, Instant deadline) {
        return new JobRequested(UUID.randomUUID(), Instant.now(), jobId, "ws_worker", JobKind.PERSON_COMPOSE,
                "NanoBanana", "compose prompt", Map.of(), keys, deadline);
    }

    private String reference(String jobId, int n, Color color) {
        String key = "persons/ws_worker/" + jobId + "/" + n + ".jpg";
        storage.put(key, TestImages.jpeg(300, 450, color), "image/jpeg");
        return key;
    }

    private void send(JobRequested request) throws Exception {
        TestKafka.send(Topics.COMPOSE_REQUESTS, request.jobId(), json.writeValueAsString(request));
    }

    private JsonNode awaitStatus(String jobId, String status) {
        return StatusReports.await(json, jobId, status);
    }

    @Test
    void composesTheReferencesStoresTheResultAndReports() throws Exception {
        String jobId = Ids.newId("req");
        send(request(jobId, List.of(reference(jobId, 1, Color.RED), reference(jobId, 2, Color.BLUE)), null));

        awaitStatus(jobId, "PROCESSING");
        JsonNode completed = awaitStatus(jobId, "COMPLETED");
        String key = completed.get("imageKeys").get(0).asText();
        assertEquals("composites/ws_worker/" + jobId + "-1.jpg", key);
        assertEquals("local", completed.get("response").get("provider").asText());

        BufferedImage stored = LocalCompositor.decode(storage.read(key));
        assertEquals(completed.get("response").get("width").asInt(), stored.getWidth());
        assertEquals(3 * 512, stored.getWidth());
    }

    @Test
    void aRedeliveredRequestIsNotRunTwice() throws Exception {
        String jobId = Ids.newId("req");
        JobRequested request = request(jobId, List.of(reference(jobId, 1, Color.GREEN)), null);
        send(request);
        awaitStatus(jobId, "COMPLETED");

        send(request); // the same event again, as after a consumer crash before its offset commit
        String marker = Ids.newId("req");
        send(request(marker, List.of(reference(marker, 1, Color.GRAY)), null));
        awaitStatus(marker, "COMPLETED");
        long reports = countStatusRecords(jobId);
        assertEquals(2, reports, "one PROCESSING and one COMPLETED report, nothing for the redelivery");
    }

    @Test
    void aMissingInputFailsTheJobReadably() throws Exception {
        String jobId = Ids.newId("req");
        send(request(jobId, List.of("persons/ws_worker/nothing-here.jpg"), null));
        JsonNode failed = awaitStatus(jobId, "FAILED");
        assertEquals("invalidInput", failed.get("error").get("code").asText());
        assertTrue(failed.get("error").get("message").asText().contains("no longer exists"));
    }

    @Test
    void aJobPastItsDeadlineIsNotStarted() throws Exception {
        String jobId = Ids.newId("req");
        send(request(jobId, List.of(reference(jobId, 1, Color.RED)), Instant.now().minusSeconds(1)));
        JsonNode failed = awaitStatus(jobId, "FAILED");
        assertEquals("timeout", failed.get("error").get("code").asText());
    }

    @Test
    void aJobItsClientCancelledIsDroppedBeforeTheProvider() throws Exception {
        String jobId = Ids.newId("req");
        JobCompleted cancelled = new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), Instant.now(), jobId, "ws_worker",
                "u_worker", JobKind.PERSON_COMPOSE, JobStatus.CANCELLED, List.of(),
                new JobError("cancelled", "Cancelled by the client"), Map.of(), Map.of());
        TestKafka.send(Topics.JOB_COMPLETED, jobId, json.writeValueAsString(cancelled));
        Awaitility.await().atMost(WAIT).until(() -> pool.preparedQuery("select job_id from cancelled_jobs where job_id = $1")
                .execute(Tuple.of(jobId)).await().indefinitely().iterator().hasNext());

        send(request(jobId, List.of(reference(jobId, 1, Color.RED)), null)); // its request was still in the topic
        JsonNode dropped = awaitStatus(jobId, "FAILED");
        assertEquals("cancelled", dropped.get("error").get("code").asText());
        assertThrows(NoSuchKeyException.class, () -> storage.read("composites/ws_worker/" + jobId + "-1.jpg"),
                "no result is stored");
    }

    @Test
    void aResultStoredJustBeforeTheCancelIsDeletedWhenTheCancelArrives() throws Exception {
        String jobId = Ids.newId("req");
        List<String> stored = List.of("composites/ws_worker/" + jobId + "-1.jpg", "composites/ws_worker/" + jobId + "-2.png");
        for (String key : stored) {
            storage.put(key, TestImages.jpeg(10, 10, Color.RED), "image/jpeg");
        }
        JobCompleted cancelled = new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), Instant.now(), jobId, "ws_worker",
                "u_worker", JobKind.PERSON_COMPOSE, JobStatus.CANCELLED, List.of(),
                new JobError("cancelled", "Cancelled by the client"), Map.of(), Map.of());
        TestKafka.send(Topics.JOB_COMPLETED, jobId, json.writeValueAsString(cancelled));
        for (String key : stored) {
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThrows(NoSuchKeyException.class, () -> storage.read(key)));
        }
    }

    @Test
    void providerRequestsAndCancellationsOfJobsLongOverAreForgotten() throws Throwable {
        String old = Ids.newId("req");
        String recent = Ids.newId("req");
        for (String id : List.of(old, recent)) {
            String age = id.equals(old) ? "2 days" : "1 minute";
            pool.query("insert into provider_submissions (job_id, provider, handle, submitted_at) values ('" + id
                    + "', 'fal', '{}', now() - interval '" + age + "')").execute().await().indefinitely();
            pool.query("insert into cancelled_jobs (job_id, cancelled_at) values ('" + id + "', now() - interval '" + age
                    + "')").execute().await().indefinitely();
        }
        VertxContextSupport.subscribeAndAwait(() -> ledger.forget(Instant.now().minus(Duration.ofDays(1))));
        for (String table : List.of("provider_submissions", "cancelled_jobs")) {
            List<String> left = new ArrayList<>();
            pool.preparedQuery("select job_id from " + table + " where job_id in ($1, $2)").execute(Tuple.of(old, recent))
                    .await().indefinitely().forEach(row -> left.add(row.getString(0)));
            assertEquals(List.of(recent), left, table);
        }
    }

    @Test
    void idsOfEventsHandledLongerAgoThanKafkaKeepsRecordsAreForgotten() throws Throwable {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        pool.query("insert into processed_events (event_id, processed_at) values ('" + old + "', now() - interval '9 days'), ('"
                + recent + "', now() - interval '7 days')").execute().await().indefinitely();

        VertxContextSupport.subscribeAndAwait(() -> processedEvents.forget(Instant.now().minus(ProcessedEvents.KEPT)));

        List<UUID> left = new ArrayList<>();
        pool.preparedQuery("select event_id from processed_events where event_id in ($1, $2)").execute(Tuple.of(old, recent))
                .await().indefinitely().forEach(row -> left.add(row.getUUID(0)));
        assertEquals(List.of(recent), left);
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopicWithItsJobId() {
        String jobId = Ids.newId("req");
        TestKafka.send(Topics.COMPOSE_REQUESTS, jobId, "{this is not json");
        ConsumerRecord<String, String> dead = TestKafka.await(Topics.deadLetter(Topics.COMPOSE_REQUESTS),
                r -> jobId.equals(r.key()), WAIT);
        assertTrue(dead.headers().lastHeader("dead-letter-reason") != null);
    }

    private long countStatusRecords(String jobId) {
        java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        try {
            TestKafka.await(Topics.JOB_STATUS, r -> {
                if (jobId.equals(r.key())) {
                    count.incrementAndGet();
                }
                return false;
            }, Duration.ofSeconds(3));
        } catch (AssertionError expected) {
            // read the whole topic
        }
        return count.get();
    }
}
