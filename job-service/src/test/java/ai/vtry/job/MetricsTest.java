package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;

/** /q/metrics answers what an operator asks of job-service: jobs by kind and outcome, the outbox backlog, requests by route. */
@QuarkusTest
class MetricsTest {

    @Test
    void countsFinishedJobsByKindAndStatusAndExposesTheOutboxBacklog() {
        Account account = TestTokens.newAccount("free");
        // clothes-upload has no worker step: the job COMPLETES as soon as clothes-service (here: the test) answers.
        String id = given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", "clothes-upload", "imageKeys", List.of("clothes/" + account.workspaceId() + "/1.jpg")))
                .post("/internal/jobs").then().statusCode(201).extract().path("id");
        TestKafka.send(Topics.JOB_RESULTS_APPLIED, id, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"jobId\":\"" + id
                + "\",\"owner\":\"clothes-service\"}");
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/req_missing").then().statusCode(404);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vtry_jobs_created_total{kind=\"clothes-upload\"}"))
                .body(matchesPattern("(?s).*vtry_jobs_finished_total\\{error=\"none\",kind=\"clothes-upload\",status=\"COMPLETED\"} [1-9].*"))
                .body(containsString("vtry_jobs_duration_seconds_count{kind=\"clothes-upload\",status=\"COMPLETED\"}"))
                .body(containsString("vtry_outbox_pending "))
                .body(containsString("vtry_outbox_oldest_age_seconds "))
                .body(matchesPattern("(?s).*http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/api/v1/jobs/\\{id}\"} [1-9].*")));
    }
}
