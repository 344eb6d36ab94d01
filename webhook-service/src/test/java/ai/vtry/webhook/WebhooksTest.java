package ai.vtry.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import ai.vtry.webhook.signing.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Endpoints through the REST API, job-completed events through Kafka, deliveries to a real local receiver. */
@QuarkusTest
class WebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    private static JsonPath create(Account account, String url, List<String> events) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("url", url, "events", events, "description", "orders"))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("id", startsWith("wh_")).body("secret", startsWith("whsec_")).body("enabled", equalTo(true))
                .extract().jsonPath();
    }

    private void finish(Account account, String jobId, JobStatus status) throws Exception {
        finish(account, jobId, status, Map.of());
    }

    private void finish(Account account, String jobId, JobStatus status, Map<String, Object> parameters) throws Exception {
        Map<String, Object> job = Map.of("id", jobId, "kind", "generation", "status", status.name(),
                "imageKey", "generations/" + account.workspaceId() + "/" + jobId + "-1.jpg",
                "imageUrl", "https://old.example/expired",
                "response", Map.of("images", List.of(Map.of("imageKey",
                        "generations/" + account.workspaceId() + "/" + jobId + "-1.jpg", "imageUrl", "https://old.example/expired"))));
        JobCompleted event = new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), Instant.now(), jobId,
                account.workspaceId(), account.userId(), JobKind.GENERATION, status, List.of(), null, parameters, job);
        TestKafka.send(Topics.JOB_COMPLETED, jobId, json.writeValueAsString(event));
    }

    private static boolean verified(String secret, Receiver.Received r) {
        return WebhookSignature.verify(secret, r.id(), r.timestamp(), r.body(), r.signature(), Instant.now());
    }

    @Test
    void aFinishedJobArrivesOnceSignedWithTheJobAndFreshLinks() throws Exception {
        Account account = TestTokens.newAccount("pro");
        try (Receiver receiver = new Receiver()) {
            String secret = create(account, receiver.url(), List.of("job.completed")).getString("secret");
            String jobId = "req_" + UUID.randomUUID();
            finish(account, jobId, JobStatus.COMPLETED);
            finish(account, "req_" + UUID.randomUUID(), JobStatus.FAILED); // not subscribed

            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            Receiver.Received delivery = receiver.received().get(0);
            assertTrue(verified(secret, delivery), delivery.toString());
            JsonNode body = json.readTree(delivery.body());
            assertEquals("job.completed", body.path("type").asText());
            assertEquals(jobId, body.path("data").path("id").asText());
            assertTrue(body.path("data").path("imageUrl").asText().contains("/files/generations/"), "links signed afresh");
            assertTrue(body.path("data").path("response").path("images").path(0).path("imageUrl").asText().contains("/files/"));
            Thread.sleep(1500);
            assertEquals(1, receiver.received().size(), "once");
        }
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameEventThreeTimesAndTheLogSaysSo() throws Exception {
        Account account = TestTokens.newAccount("pro");
        try (Receiver receiver = new Receiver().answering(500, 500)) {
            JsonPath endpoint = create(account, receiver.url(), List.of("*"));
            finish(account, "req_" + UUID.randomUUID(), JobStatus.FAILED);

            await().atMost(WAIT).until(() -> receiver.received().size() == 3);
            Set<String> ids = new HashSet<>(receiver.received().stream().map(Receiver.Received::id).toList());
            assertEquals(1, ids.size(), "the same webhook-id on every attempt");
            assertEquals("job.failed", json.readTree(receiver.received().get(0).body()).path("type").asText());
            await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", account.bearer())
                    .get("/api/v1/webhooks/" + endpoint.getString("id") + "/deliveries").then().statusCode(200)
                    .body("total", equalTo(1)).body("totalPages", equalTo(1)).body("deliveries[0].status", equalTo("delivered"))
                    .body("deliveries[0].attempts", equalTo(3)).body("deliveries[0].lastStatusCode", equalTo(200))
                    .body("deliveries[0].type", equalTo("job.failed")));
        }
    }

    @Test
    void aTestEventAndARedeliveryDuringARotationCarryBothSignatures() throws Exception {
        Account account = TestTokens.newAccount("pro");
        try (Receiver receiver = new Receiver()) {
            JsonPath endpoint = create(account, receiver.url(), List.of("job.completed"));
            String id = endpoint.getString("id");
            String old = endpoint.getString("secret");
            String fresh = given().header("Authorization", account.bearer()).post("/api/v1/webhooks/" + id + "/rotate-secret")
                    .then().statusCode(200).body("previousSecretExpiresAt", startsWith("20")).extract().path("secret");
            String deliveryId = given().header("Authorization", account.bearer()).post("/api/v1/webhooks/" + id + "/test")
                    .then().statusCode(202).body("type", equalTo("webhook.test")).extract().path("id");

            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            Receiver.Received test = receiver.received().get(0);
            assertEquals(2, test.signature().split(" ").length, test.signature());
            assertTrue(verified(fresh, test) && verified(old, test), "both secrets sign during the overlap");
            assertEquals(id, json.readTree(test.body()).path("data").path("webhookId").asText());

            given().header("Authorization", account.bearer())
                    .post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver").then().statusCode(202);
            await().atMost(WAIT).until(() -> receiver.received().size() == 2);
            assertEquals(test.id(), receiver.received().get(1).id(), "a redelivery keeps its webhook-id");
        }
    }

    @Test
    void anotherWorkspaceFindsNothingAndPrivateOrMalformedUrlsAreRefused() throws Exception {
        Account owner = TestTokens.newAccount("pro");
        Account stranger = TestTokens.newAccount("pro");
        try (Receiver receiver = new Receiver()) {
            String id = create(owner, receiver.url(), List.of("job.completed")).getString("id");
            given().header("Authorization", stranger.bearer()).get("/api/v1/webhooks/" + id).then().statusCode(404)
                    .body("error.code", equalTo("notFound"));
            given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON).body(Map.of("enabled", false))
                    .patch("/api/v1/webhooks/" + id).then().statusCode(404);
            given().header("Authorization", stranger.bearer()).post("/api/v1/webhooks/" + id + "/test").then().statusCode(404);
            given().header("Authorization", stranger.bearer()).delete("/api/v1/webhooks/" + id).then().statusCode(404);
            given().header("Authorization", stranger.bearer()).get("/api/v1/webhooks").then().body("webhooks.size()", equalTo(0));
            given().header("Authorization", owner.bearer()).get("/api/v1/webhooks").then()
                    .body("webhooks[0].id", equalTo(id)).body("webhooks[0].secret", equalTo(null));
        }
        for (String url : List.of("http://10.1.2.3/hooks", "http://192.168.0.10/x", "http://169.254.169.254/latest",
                "ftp://example.com/x", "https://user:pw@example.com/x", "not a url")) {
            given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "events", List.of("*"))).post("/api/v1/webhooks").then().statusCode(400)
                    .body("error.code", equalTo("validationFailed")).body("error.details.fields.url.size()", equalTo(1));
        }
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hooks", "events", List.of("job.done")))
                .post("/api/v1/webhooks").then().statusCode(400).body("error.details.fields.events.size()", equalTo(1));
    }

    @Test
    void aJobsOwnWebhookUrlGetsItsEventSignedWithTheWorkspacesRequestSecret() throws Exception {
        Account account = TestTokens.newAccount("pro");
        try (Receiver receiver = new Receiver()) {
            String secret = given().header("Authorization", account.bearer()).post("/api/v1/webhooks/request-secret")
                    .then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
            String jobId = "req_" + UUID.randomUUID();
            finish(account, jobId, JobStatus.COMPLETED, Map.of("webhookUrl", receiver.url()));
            finish(account, jobId, JobStatus.COMPLETED, Map.of("webhookUrl", receiver.url())); // another event, same URL

            await().atMost(WAIT).until(() -> receiver.received().size() == 2);
            for (Receiver.Received delivery : receiver.received()) {
                assertTrue(verified(secret, delivery), delivery.toString());
                assertEquals(jobId, json.readTree(delivery.body()).path("data").path("id").asText());
            }
            // A per-request URL is no endpoint of the API.
            given().header("Authorization", account.bearer()).get("/api/v1/webhooks").then()
                    .body("webhooks.size()", equalTo(0));
            // A new request secret: both sign for a day.
            String fresh = given().header("Authorization", account.bearer()).post("/api/v1/webhooks/request-secret")
                    .then().statusCode(200).extract().path("secret");
            finish(account, "req_" + UUID.randomUUID(), JobStatus.FAILED, Map.of("webhookUrl", receiver.url()));
            await().atMost(WAIT).until(() -> receiver.received().size() == 3);
            Receiver.Received third = receiver.received().get(2);
            assertTrue(verified(fresh, third) && verified(secret, third), third.signature());
        }
    }

    @Test
    void anUnsubscribedOrDisabledEndpointGetsNothing() throws Exception {
        Account account = TestTokens.newAccount("pro");
        try (Receiver receiver = new Receiver()) {
            String id = create(account, receiver.url(), List.of("*")).getString("id");
            given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(Map.of("enabled", false))
                    .patch("/api/v1/webhooks/" + id).then().statusCode(200).body("enabled", equalTo(false));
            given().header("Authorization", account.bearer()).get("/api/v1/webhooks/" + id).then()
                    .body("disabledReason", equalTo("Disabled through the API"));
            given().header("Authorization", account.bearer()).post("/api/v1/webhooks/" + id + "/test").then()
                    .statusCode(409).body("error.code", equalTo("webhookDisabled"));
            finish(account, "req_" + UUID.randomUUID(), JobStatus.CANCELLED);
            Thread.sleep(2000);
            assertEquals(0, receiver.received().size());
            given().header("Authorization", account.bearer()).delete("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("deleted", equalTo(true));
        }
    }
}
