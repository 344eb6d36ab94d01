package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * GET /api/v1/jobs/{id}?wait=N. The job's status is changed straight in the database, as another
 * replica would: the notice comes from Postgres, not from this process.
 */
@QuarkusTest
class JobWaitTest {

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void aWaitingReadAnswersAsSoonAsTheJobIsFinal() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(account, "pr_wait1");
        CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", account.bearer()).get("/api/v1/jobs/" + id + "?wait=60")
                .then().statusCode(200).extract().jsonPath());

        setStatus(id, "PROCESSING"); // not final: the read keeps waiting
        assertThrows(TimeoutException.class, () -> answer.get(500, TimeUnit.MILLISECONDS),
                "a PROCESSING job does not end the wait");
        long changedAt = System.nanoTime();
        setStatus(id, "FAILED");
        JsonPath job = answer.get(30, TimeUnit.SECONDS);
        Duration late = Duration.ofNanos(System.nanoTime() - changedAt);
        assertEquals("FAILED", job.getString("status"));
        // Woken by the notice, not by the 5 s recheck that catches a missed one.
        assertTrue(late.compareTo(Duration.ofSeconds(4)) < 0, "answered " + late + " after the change");
    }

    @Test
    void aWaitThatRunsOutAnswersWithTheJobAsItIs() {
        Account account = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(account, "pr_wait2");
        long start = System.nanoTime();
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id + "?wait=2")
                .then().statusCode(200).body("status", equalTo("QUEUED"));
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "waited the whole 2 s");
    }

    @Test
    void aFinalJobIsAnsweredAtOnceAndWaitIsChecked() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(account, "pr_wait3");
        setStatus(id, "COMPLETED");
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id + "?wait=60")
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
        for (String wrong : new String[] {"61", "-1", "1.5", "soon"}) {
            given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id + "?wait=" + wrong)
                    .then().statusCode(400).body("error.code", equalTo("validationFailed"))
                    .body("error.details.fields.wait.size()", equalTo(1));
        }
        // Another workspace's job is missing, waiting or not.
        given().header("Authorization", TestTokens.newAccount("pro").bearer()).get("/api/v1/jobs/" + id + "?wait=5")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
    }

    private void setStatus(String id, String status) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update jobs set status = ? where id = ?")) {
            update.setString(1, status);
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }
}
