package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobResultApplied;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import ai.vtry.job.mapping.JobView;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

@QuarkusTest
class JobLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;
    @Inject
    javax.sql.DataSource dataSource;

    static String createCompose(Account account, String personId) {
        return create(account, "person-compose", "compose " + personId, Map.of("model", "NanoBanana", "personId", personId));
    }

    static String createGeneration(Account account, String personId) {
        return create(account, "generation", "wear it", Map.of("model", "NanoBanana", "personId", personId));
    }

    private static String create(Account account, String kind, String prompt, Map<String, Object> parameters) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "model", "NanoBanana", "prompt", prompt, "parameters", parameters,
                        "imageKeys", List.of("persons/" + account.workspaceId() + "/a/1.jpg")))
                .post("/internal/jobs")
                .then().statusCode(201).body("status", equalTo("QUEUED")).body("id", startsWith("req_"))
                .extract().path("id");
    }

    @Test
    void createdJobIsQueuedAndItsRequestReachesTheWorkerTopic() throws Exception {
        Account account = TestTokens.newAccount("free");
        String id = createCompose(account, "pr_lifecycle1");

        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("QUEUED"))
                .body("prompt", equalTo("compose pr_lifecycle1"))
                .body("imageUrl", nullValue())
                .body("error", nullValue())
                .body("parameters.personId", equalTo("pr_lifecycle1"))
                .body("createdAt", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        ConsumerRecord<String, String> request = TestKafka.await(Topics.COMPOSE_REQUESTS, r -> id.equals(r.key()), WAIT);
        JsonNode event = json.readTree(request.value());
        assertEquals("person-compose", event.get("kind").asText());
        assertEquals(account.workspaceId(), event.get("workspaceId").asText());
        assertEquals("persons/" + account.workspaceId() + "/a/1.jpg", event.get("imageKeys").get(0).asText());
    }

    @Test
    void workerReportsMoveTheJobForwardOnceAndAnnounceCompletion() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = createGeneration(account, "pr_lifecycle2");

        report(id, JobStatus.PROCESSING, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + id).then().body("status", equalTo("PROCESSING")));

        String key = "generations/" + account.workspaceId() + "/" + id + "-1.jpg";
        JobStatusChanged completed = report(id, JobStatus.COMPLETED, List.of(key), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("COMPLETED"))
                .body("imageKey", equalTo(key))
                .body("imageUrl", containsString("/files/generations/"))
                .body("response.images.imageKey", contains(key)));

        ConsumerRecord<String, String> done = TestKafka.await(Topics.JOB_COMPLETED, r -> id.equals(r.key()), WAIT);
        JsonNode event = json.readTree(done.value());
        assertEquals(1, event.get("version").asInt());
        assertEquals("COMPLETED", event.get("status").asText());
        assertEquals("pr_lifecycle2", event.get("parameters").get("personId").asText());
        assertEquals(key, event.get("imageKeys").get(0).asText());

        // A late failure report and a redelivered report change nothing: the job is finished.
        String updatedAt = given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id).path("updatedAt");
        report(id, JobStatus.FAILED, List.of(), new JobError("providerBusy", "late"));
        TestKafka.send(Topics.JOB_STATUS, id, json.writeValueAsString(completed));
        String marker = createCompose(account, "pr_marker");
        report(marker, JobStatus.PROCESSING, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + marker).then().body("status", equalTo("PROCESSING")));
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("COMPLETED")).body("error", nullValue()).body("updatedAt", equalTo(updatedAt));
    }

    @Test
    void aResultThatChangesAnotherServiceCompletesOnlyOnceItsOwnerAppliedIt() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = createCompose(account, "pr_owned");
        String key = "composites/" + account.workspaceId() + "/" + id + "-1.jpg";
        report(id, JobStatus.COMPLETED, List.of(key), null);

        // job-service hands the result to person-service and keeps the job PROCESSING, without its image.
        JsonNode result = json.readTree(TestKafka.await(Topics.JOB_RESULTS, r -> id.equals(r.key()), WAIT).value());
        assertEquals("person-service", result.get("owner").asText());
        assertEquals("person-compose", result.get("kind").asText());
        assertEquals(key, result.get("imageKeys").get(0).asText());
        assertEquals("pr_owned", result.get("parameters").get("personId").asText());
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("PROCESSING")).body("imageUrl", nullValue()).body("imageKey", nullValue());
        given().header("Authorization", account.bearer()).get("/internal/jobs/" + id).then()
                .body("status", equalTo("PROCESSING")).body("imageKeys", org.hamcrest.Matchers.empty());

        // A late failure cannot undo a result, and only the owner's answer completes the job.
        report(id, JobStatus.FAILED, List.of(), new JobError("providerBusy", "late"));
        applied(id, "clothes-service");
        String marker = createCompose(account, "pr_marker2");
        report(marker, JobStatus.PROCESSING, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + marker).then().body("status", equalTo("PROCESSING")));
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("PROCESSING")).body("error", nullValue());

        JobResultApplied answer = applied(id, "person-service");
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("COMPLETED"))
                .body("imageKey", equalTo(key))
                .body("response.provider", equalTo("test")));
        JsonNode done = json.readTree(TestKafka.await(Topics.JOB_COMPLETED, r -> id.equals(r.key()), WAIT).value());
        assertEquals("COMPLETED", done.get("status").asText());
        assertEquals(key, done.get("imageKeys").get(0).asText());

        // The same answer again changes nothing.
        String updatedAt = given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id).path("updatedAt");
        TestKafka.send(Topics.JOB_RESULTS_APPLIED, id, json.writeValueAsString(answer));
        applied(id, "person-service");
        String marker2 = createCompose(account, "pr_marker3");
        report(marker2, JobStatus.PROCESSING, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + marker2).then().body("status", equalTo("PROCESSING")));
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id).then()
                .body("updatedAt", equalTo(updatedAt));
    }

    @Test
    void aDirectUploadWaitsForItsClothAndAResultItsOwnerCouldNotApplyFailsTheJob() throws Exception {
        Account account = TestTokens.newAccount("free");
        String key = "clothes/" + account.workspaceId() + "/" + UUID.randomUUID() + ".png";
        String id = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "clothes-upload", "parameters", Map.of("mode", "direct"), "imageKeys", List.of(key)))
                .post("/internal/jobs")
                .then().statusCode(201).body("status", equalTo("PROCESSING")).extract().path("id");
        JsonNode result = json.readTree(TestKafka.await(Topics.JOB_RESULTS, r -> id.equals(r.key()), WAIT).value());
        assertEquals("clothes-service", result.get("owner").asText());
        assertEquals(key, result.get("imageKeys").get(0).asText());

        TestKafka.send(Topics.deadLetter(Topics.JOB_RESULTS), id, result.toString(),
                Map.of("dead-letter-reason", "Could not store the cloth"));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("processingFailed"))
                .body("imageUrl", nullValue()));
        applied(id, "clothes-service"); // too late: a failed job stays failed
        JsonNode done = json.readTree(TestKafka.await(Topics.JOB_COMPLETED, r -> id.equals(r.key()), WAIT).value());
        assertEquals("FAILED", done.get("status").asText());
    }

    @Test
    void failureReportCarriesTheErrorToTheCaller() throws Exception {
        Account account = TestTokens.newAccount("free");
        String id = createCompose(account, "pr_lifecycle3");
        report(id, JobStatus.FAILED, List.of(), new JobError("contentBlocked", "Blocked by the safety filter"));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("contentBlocked"))
                .body("error.message", equalTo("Blocked by the safety filter"))
                .body("imageUrl", nullValue()));
    }

    @Test
    void deadLetteredRequestFailsItsJobReadably() {
        Account account = TestTokens.newAccount("free");
        String id = createCompose(account, "pr_lifecycle4");
        TestKafka.send(Topics.deadLetter(Topics.COMPOSE_REQUESTS), id, "{not json",
                Map.of("dead-letter-reason", "Cannot deserialize the request"));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("processingFailed"))
                .body("error.message", containsString("Cannot deserialize the request")));
    }

    @Test
    void anotherWorkspaceSeesNothing() {
        Account owner = TestTokens.newAccount("free");
        Account stranger = TestTokens.newAccount("free");
        String id = createCompose(owner, "pr_lifecycle5");
        given().header("Authorization", stranger.bearer()).get("/api/v1/jobs/" + id)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        given().header("Authorization", owner.bearer()).get("/api/v1/jobs/req_doesnotexist")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        // The internal view (edits read a job's image key through it) is just as strict.
        given().header("Authorization", owner.bearer()).get("/internal/jobs/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("kind", equalTo("person-compose")).body("status", equalTo("QUEUED"))
                .body("imageKeys", org.hamcrest.Matchers.empty());
        given().header("Authorization", stranger.bearer()).get("/internal/jobs/" + id)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
    }

    @Test
    void aJobStillUnfinishedAfterItsDeadlineIsFailedBySweeper() throws Exception {
        Account account = TestTokens.newAccount("free");
        String overdue = createCompose(account, "pr_overdue");
        String recent = createCompose(account, "pr_recent");
        String held = createCompose(account, "pr_held");
        report(held, JobStatus.COMPLETED, List.of("composites/" + account.workspaceId() + "/" + held + "-1.jpg"), null);
        TestKafka.await(Topics.JOB_RESULTS, r -> held.equals(r.key()), WAIT);
        report(overdue, JobStatus.PROCESSING, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + overdue).then().body("status", equalTo("PROCESSING")));
        try (java.sql.Connection db = dataSource.getConnection();
                java.sql.PreparedStatement past = db.prepareStatement(
                        "update jobs set deadline = now() - interval '2 minutes' where id in (?, ?)")) {
            past.setString(1, overdue);
            past.setString(2, held);
            assertEquals(2, past.executeUpdate());
        }

        // The scheduled sweeper (every second in tests) finds it.
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + overdue).then()
                .body("status", equalTo("FAILED")).body("error.code", equalTo("timeout"))
                .body("error.message", startsWith("Not finished within")));
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + recent).then()
                .body("status", equalTo("QUEUED"));
        // A held result waits for its owner, however late: the provider's work is done and must not be lost.
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + held).then()
                .body("status", equalTo("PROCESSING"));
        JsonNode event = json.readTree(TestKafka.await(Topics.JOB_COMPLETED, r -> overdue.equals(r.key()), WAIT).value());
        assertEquals("FAILED", event.get("status").asText());
        assertEquals("timeout", event.get("error").get("code").asText());
        String updatedAt = given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + overdue).path("updatedAt");
        // Two more sweeps (every second in tests) leave the failed job alone.
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> given()
                .header("Authorization", account.bearer()).get("/api/v1/jobs/" + overdue).then()
                .body("updatedAt", equalTo(updatedAt)));
    }

    @Test
    void timeoutSecondsBringsTheDeadlineForwardButNeverPastTheDeployments() throws Exception {
        Account account = TestTokens.newAccount("free");
        String soon = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "person-compose", "model", "NanoBanana", "parameters", Map.of("personId", "pr_soon"),
                        "imageKeys", List.of("persons/" + account.workspaceId() + "/a/1.jpg"), "timeoutSeconds", 45))
                .post("/internal/jobs").then().statusCode(201).extract().path("id");
        String usual = createCompose(account, "pr_usual");

        assertEquals(Duration.ofSeconds(45), deadlineAfterCreation(account, soon));
        assertEquals(Duration.ofMinutes(10), deadlineAfterCreation(account, usual));
        // The worker gets the same deadline with the request: it stops the provider call there.
        JsonNode request = json.readTree(TestKafka.await(Topics.COMPOSE_REQUESTS, r -> soon.equals(r.key()), WAIT).value());
        assertEquals(given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + soon).path("deadline"),
                JobView.format(Instant.parse(request.get("deadline").asText())));

        for (Object wrong : List.of(0, 601, -5)) {
            given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("kind", "person-compose", "imageKeys", List.of("persons/" + account.workspaceId() + "/a/1.jpg"),
                            "timeoutSeconds", wrong))
                    .post("/internal/jobs").then().statusCode(400)
                    .body("error.details.fields.timeoutSeconds[0]", containsString("from 1 to 600"));
        }
    }

    private static Duration deadlineAfterCreation(Account account, String id) {
        JsonPath job = given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id)
                .then().statusCode(200).extract().jsonPath();
        return Duration.between(Instant.parse(job.getString("createdAt")), Instant.parse(job.getString("deadline")));
    }

    @Test
    void noTokenNoAccess() {
        given().get("/api/v1/jobs/req_x").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/internal/jobs").then().statusCode(401);
    }

    @Test
    void badCreateRequestsAreValidationErrors() {
        Account account = TestTokens.newAccount("free");
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{\"kind\":")
                .post("/internal/jobs").then().statusCode(400).body("error.code", equalTo("invalidJson"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{\"kind\":\"dance\"}")
                .post("/internal/jobs").then().statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.kind[0]", containsString("kind"));
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{\"kind\":\"person-compose\"}")
                .post("/internal/jobs").then().statusCode(400).body("error.details.fields.imageKeys[0]", containsString("input"));
    }

    @Test
    void aJobReferencesOnlyObjectsOfItsOwnWorkspace() throws Exception {
        Account account = TestTokens.newAccount("free");
        Account other = TestTokens.newAccount("free");
        for (String key : List.of("persons/" + other.workspaceId() + "/a/1.jpg", "persons/" + account.workspaceId() + "/../x/1.jpg",
                "secrets/" + account.workspaceId() + "/1.jpg", "clothes/" + account.workspaceId())) {
            given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("kind", "person-compose", "parameters", Map.of("personId", "pr_x"), "imageKeys",
                            List.of("persons/" + account.workspaceId() + "/a/1.jpg", key)))
                    .post("/internal/jobs").then().statusCode(400).body("error.code", equalTo("validationFailed"))
                    .body("error.details.fields.imageKeys", contains("imageKeys[1] is not an object of the caller's workspace"));
        }
        // A worker's result outside the job's workspace is not a result: the job fails.
        String id = createGeneration(account, "pr_foreign");
        report(id, JobStatus.COMPLETED, List.of("generations/" + other.workspaceId() + "/" + id + "-1.jpg"), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + id).then()
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("processingFailed"))
                .body("imageUrl", nullValue()));
    }

    private JobResultApplied applied(String jobId, String owner) throws Exception {
        JobResultApplied event = new JobResultApplied(UUID.randomUUID(), Instant.now(), jobId, owner);
        TestKafka.send(Topics.JOB_RESULTS_APPLIED, jobId, json.writeValueAsString(event));
        return event;
    }

    @Test
    void aClientCancelsAJobThatIsNotFinalOnceAndALateResultChangesNothing() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String queued = createGeneration(account, "pr_cancel1");
        given().header("Authorization", account.bearer()).post("/api/v1/jobs/" + queued + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("error.code", equalTo("cancelled"));
        JsonNode announced = json.readTree(TestKafka.await(Topics.JOB_COMPLETED, r -> queued.equals(r.key()), WAIT).value());
        assertEquals("CANCELLED", announced.get("status").asText());
        given().header("Authorization", account.bearer()).post("/api/v1/jobs/" + queued + "/cancel")
                .then().statusCode(409).body("error.code", equalTo("jobFinished"))
                .body("error.details.status", equalTo("CANCELLED"));

        // The worker finished it anyway: its result is not taken.
        report(queued, JobStatus.COMPLETED, List.of("generations/" + account.workspaceId() + "/" + queued + "-1.jpg"), null);
        String processing = createGeneration(account, "pr_cancel2");
        report(processing, JobStatus.PROCESSING, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + processing).then().body("status", equalTo("PROCESSING")));
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + queued).then()
                .body("status", equalTo("CANCELLED")).body("imageUrl", nullValue());

        // A processing job is cancelled too; a final one, or another workspace's, is not.
        given().header("Authorization", account.bearer()).post("/api/v1/jobs/" + processing + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        String completed = createGeneration(account, "pr_cancel3");
        report(completed, JobStatus.COMPLETED, List.of("generations/" + account.workspaceId() + "/" + completed + "-1.jpg"), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                .get("/api/v1/jobs/" + completed).then().body("status", equalTo("COMPLETED")));
        given().header("Authorization", account.bearer()).post("/api/v1/jobs/" + completed + "/cancel")
                .then().statusCode(409).body("error.code", equalTo("jobFinished"));
        given().header("Authorization", TestTokens.newAccount("pro").bearer()).post("/api/v1/jobs/" + processing + "/cancel")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
    }

    private JobStatusChanged report(String jobId, JobStatus status, List<String> keys, JobError error) throws Exception {
        JobStatusChanged event = new JobStatusChanged(UUID.randomUUID(), Instant.now(), jobId, status, keys, error,
                Map.of("provider", "test"), null);
        TestKafka.send(Topics.JOB_STATUS, jobId, json.writeValueAsString(event));
        return event;
    }
}
