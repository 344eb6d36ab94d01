package ai.vtry.generation.rest;

import static io.restassured.RestAssured.given;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import ai.vtry.generation.FakeInternalApis;
import ai.vtry.generation.provider.remote.FakeServer;
import ai.vtry.generation.provider.remote.FakeServer.Response;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * POST /api/v1/edits against fakes of job-service and clothes-service (the module's {@link FakeInternalApis}):
 * the job each source makes, and, with the job-completed event job-service then publishes, what becomes
 * of the stored images.
 * Events published under one record key are consumed in order, so once the last one's effect shows,
 * the earlier ones were handled.
 */
@QuarkusTest
class EditResourceTest {

    private static final byte[] PHOTO = TestImages.png(64, 96, Color.ORANGE);
    /** 50 MP (200 MB decoded) in a few hundred KB. */
    private static final byte[] BOMB = TestImages.blankPng(8_660, 5_774);
    private static FakeServer web;

    @ConfigProperty(name = "quarkus.rest-client.job-service.url")
    String internalApis;
    @Inject
    ObjectStorage storage;
    @Inject
    ObjectMapper json;

    @BeforeAll
    static void startWeb() {
        byte[] cut = java.util.Arrays.copyOf(PHOTO, PHOTO.length - 20);
        web = new FakeServer().on("GET", "/photo.png", request -> Response.bytes(200, "image/png", PHOTO))
                .on("GET", "/bomb.png", request -> Response.bytes(200, "image/png", BOMB))
                .on("GET", "/cut.png", request -> Response.bytes(200, "image/png", cut))
                .on("GET", "/gone.png", request -> Response.bytes(410, "text/plain", "gone".getBytes()));
    }

    @AfterAll
    static void stopWeb() {
        web.close();
    }

    private boolean exists(String key) throws IOException {
        try (InputStream in = storage.open(key)) {
            return in != null;
        }
    }

    private String object(String key) {
        storage.put(key, PHOTO, "image/png");
        return key;
    }

    /** Queues an edit; returns the body job-service received for it. */
    private Map<String, Object> edit(Account account, Map<String, Object> body) {
        String requestId = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/edits").then().statusCode(202).extract().path("requestId");
        Map<String, Object> job = FakeInternalApis.createdJob(internalApis, requestId);
        job.put("id", requestId);
        return job;
    }

    private Map<String, Object> urlEdit(Account account) {
        return edit(account, Map.of("imageUrl", web.url() + "/photo.png", "prompt", "make it blue"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Map<String, Object> job) {
        return (Map<String, Object>) job.get("parameters");
    }

    @SuppressWarnings("unchecked")
    private static String input(Map<String, Object> job) {
        return ((List<String>) job.get("imageKeys")).get(0);
    }

    /** What job-service publishes when the job ends: its parameters as created, and its results or error. */
    private JobCompleted finished(Account account, Map<String, Object> job, JobStatus status, String result) {
        return new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), Instant.now(), (String) job.get("id"),
                account.workspaceId(), account.userId(), JobKind.EDIT, status,
                result == null ? List.of() : List.of(result),
                status == JobStatus.FAILED ? new JobError("timeout", "Not finished within 600 s") : null, parameters(job), Map.of());
    }

    private void publish(String recordKey, JobCompleted event) {
        try {
            TestKafka.send(Topics.JOB_COMPLETED, recordKey, json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitGone(String key) {
        await().atMost(ofSeconds(30)).untilAsserted(() -> assertFalse(exists(key), key + " is still there"));
    }

    /** A finished imageUrl edit published last: when its input is gone, everything before it was handled. */
    private void sentinel(Account account, String recordKey) {
        Map<String, Object> job = urlEdit(account);
        publish(recordKey, finished(account, job, JobStatus.COMPLETED, null));
        awaitGone(input(job));
    }

    @Test
    void anImageUrlEditKeepsTheFetchedImageUntilItsJobCompletes() throws IOException {
        Account account = TestTokens.newAccount("free");
        Map<String, Object> job = urlEdit(account);

        String input = input(job);
        assertTrue(input.matches("edits/" + account.workspaceId() + "/inputs/[0-9a-f-]{36}\\.png"), input);
        assertEquals(input, parameters(job).get("inputKey"), "the job names its input for the cleanup");
        assertEquals(Map.of("type", "url", "id", web.url() + "/photo.png"), parameters(job).get("source"));
        assertArrayEquals(PHOTO, storage.read(input));

        String result = object("edits/" + account.workspaceId() + "/" + job.get("id") + "-1.png");
        publish((String) job.get("id"), finished(account, job, JobStatus.COMPLETED, result));
        awaitGone(input);
        assertTrue(exists(result), "the edit's result stays");
    }

    @Test
    void anEditFailedBySweeperLosesItsInputAndAReplayedEventIsHarmless() throws IOException {
        Account account = TestTokens.newAccount("free");
        Map<String, Object> job = urlEdit(account);
        String recordKey = (String) job.get("id");
        JobCompleted timedOut = finished(account, job, JobStatus.FAILED, null);

        publish(recordKey, timedOut);
        publish(recordKey, timedOut); // redelivered: its input is already gone
        sentinel(account, recordKey);

        assertFalse(exists(input(job)));
        // Consumed in order, so a replay that had failed would be on the dead-letter topic by now.
        assertThrows(AssertionError.class, () -> TestKafka.await(Topics.deadLetter(Topics.JOB_COMPLETED),
                r -> recordKey.equals(r.key()), ofSeconds(3)));
    }

    @Test
    void anEditOfAJobOrAClothLeavesItsSourceAlone() throws IOException {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String sourceJob = "req_" + UUID.randomUUID();
        String cloth = "cl_" + UUID.randomUUID();
        String jobImage = object(FakeInternalApis.jobImage(ws, sourceJob));
        String clothImage = object(FakeInternalApis.clothImage(ws, cloth));

        Map<String, Object> ofJob = edit(account, Map.of("jobId", sourceJob, "prompt", "add a smile"));
        Map<String, Object> ofCloth = edit(account, Map.of("clothId", cloth, "prompt", "make it navy", "saveAsClothes", true));
        assertEquals(jobImage, input(ofJob));
        assertEquals(clothImage, input(ofCloth));
        assertFalse(parameters(ofJob).containsKey("inputKey"));
        assertFalse(parameters(ofCloth).containsKey("inputKey"));

        String recordKey = (String) ofJob.get("id");
        String result = object("edits/" + ws + "/" + ofJob.get("id") + "-1.png");
        publish(recordKey, finished(account, ofJob, JobStatus.COMPLETED, result));
        publish(recordKey, finished(account, ofCloth, JobStatus.FAILED, null));
        sentinel(account, recordKey);

        assertTrue(exists(jobImage), "the edited job's image stays");
        assertTrue(exists(clothImage), "the edited cloth's image stays");
        assertTrue(exists(result));
    }

    @Test
    void onlyAnEditsOwnInputIsEverDeleted() throws IOException {
        Account account = TestTokens.newAccount("free");
        String ws = account.workspaceId();
        String recordKey = "req_" + UUID.randomUUID();
        String othersInput = object("edits/ws_someone_else/inputs/" + UUID.randomUUID() + ".png");
        String output = object("edits/" + ws + "/" + recordKey + "-1.png");
        String cloth = object("clothes/" + ws + "/" + UUID.randomUUID() + ".png");
        String notAnEdit = object("edits/" + ws + "/inputs/" + UUID.randomUUID() + ".png");

        for (String key : List.of(othersInput, output, cloth)) {
            Map<String, Object> forged = Map.of("id", recordKey, "parameters", Map.of("inputKey", key));
            publish(recordKey, finished(account, forged, JobStatus.COMPLETED, null));
        }
        publish(recordKey, new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), Instant.now(), recordKey, ws,
                account.userId(), JobKind.GENERATION, JobStatus.COMPLETED, List.of(), null, Map.of("inputKey", notAnEdit), Map.of()));
        sentinel(account, recordKey);

        for (String key : List.of(othersInput, output, cloth, notAnEdit)) {
            assertTrue(exists(key), key + " was deleted");
        }
    }

    @Test
    void anImageUrlThatIsABombDamagedOrGoneIsRefusedAndTheServiceStaysUp() {
        Account account = TestTokens.newAccount("free");
        for (int i = 0; i < 3; i++) { // more bombs than one decode slot per core: none is decoded
            given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("imageUrl", web.url() + "/bomb.png", "prompt", "make it blue"))
                    .post("/api/v1/edits").then().statusCode(400).body("error.code", equalTo("notAnImage"))
                    .body("error.message", equalTo("The image at the URL is 8660 x 5774 pixels; at most 18 megapixels are accepted"))
                    .body("error.details.field", equalTo("imageUrl"));
        }
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("imageUrl", web.url() + "/cut.png", "prompt", "make it blue"))
                .post("/api/v1/edits").then().statusCode(400).body("error.code", equalTo("notAnImage"))
                .body("error.message", equalTo("The image at the URL is damaged or cut short: it does not decode completely"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("imageUrl", web.url() + "/gone.png", "prompt", "make it blue"))
                .post("/api/v1/edits").then().statusCode(422).body("error.code", equalTo("sourceUnreachable"))
                .body("error.details.upstreamStatus", equalTo(410));
        urlEdit(account); // and a real picture still goes through
    }

    @Test
    void aLookupThatDoesNotAnswerIsABadGatewayNamingTheService() {
        Account account = TestTokens.newAccount("free");
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("clothId", FakeInternalApis.SLOW_CLOTH, "prompt", "make it blue"))
                .post("/api/v1/edits").then().statusCode(502).body("error.code", equalTo("clothesServiceUnavailable"));
    }

    @Test
    void anImageUrlMustBeAnAbsoluteHttpUrl() {
        Account account = TestTokens.newAccount("free");
        for (String url : List.of("ftp://shop.test/a.png", "/photo.png", "http:///photo.png")) {
            given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("imageUrl", url, "prompt", "make it blue"))
                    .post("/api/v1/edits").then().statusCode(400)
                    .body("error.code", equalTo("validationFailed"))
                    .body("error.details.fields.imageUrl", contains("imageUrl must be an absolute http or https URL"));
        }
    }

    @Test
    void timeoutSecondsGoesToTheJobWithinOneToSixHundred() {
        Account account = TestTokens.newAccount("free");
        String job = "req_" + UUID.randomUUID();
        object(FakeInternalApis.jobImage(account.workspaceId(), job));
        assertEquals(30, edit(account, Map.of("jobId", job, "prompt", "make it blue", "timeoutSeconds", 30))
                .get("timeoutSeconds"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("jobId", job, "prompt", "make it blue", "timeoutSeconds", 601))
                .post("/api/v1/edits").then().statusCode(400)
                .body("error.details.fields.timeoutSeconds", contains("timeoutSeconds must be a whole number of seconds from 1 to 600"));
    }
}
