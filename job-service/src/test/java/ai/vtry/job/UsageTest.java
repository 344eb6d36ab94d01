package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** GET /api/v1/usage, counted from the job records; statuses and work times set in the database. */
@QuarkusTest
class UsageTest {

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void jobsImagesAndProviderSecondsByDayKindAndModel() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String done = JobLifecycleTest.createGeneration(account, "pr_usage1");
        String failed = JobLifecycleTest.createGeneration(account, "pr_usage2");
        String composed = JobLifecycleTest.createCompose(account, "pr_usage3");
        JobLifecycleTest.createGeneration(account, "pr_usage4"); // still queued
        finish(done, "COMPLETED", 2, 12.5);
        finish(failed, "FAILED", 0, 3);
        finish(composed, "COMPLETED", 1, 1.25);
        // Another workspace's jobs are not counted.
        finish(JobLifecycleTest.createGeneration(TestTokens.newAccount("pro"), "pr_usage5"), "COMPLETED", 4, 60);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().header("Authorization", account.bearer()).get("/api/v1/usage")
                .then().statusCode(200)
                .body("groupBy", equalTo("day"))
                .body("groups.size()", equalTo(1))
                .body("groups[0].key", equalTo(today))
                .body("total.jobs.total", equalTo(4))
                .body("total.jobs.queued", equalTo(1))
                .body("total.jobs.completed", equalTo(2))
                .body("total.jobs.failed", equalTo(1))
                .body("total.images", equalTo(3))
                .body("total.providerSeconds", equalTo(16.75f));

        given().header("Authorization", account.bearer()).get("/api/v1/usage?groupBy=kind")
                .then().statusCode(200)
                .body("groups.key", hasItems("generation", "person-compose"))
                .body("groups.find { it.key == 'generation' }.jobs.total", equalTo(3))
                .body("groups.find { it.key == 'generation' }.images", equalTo(2))
                .body("groups.find { it.key == 'person-compose' }.providerSeconds", equalTo(1.25f));
        given().header("Authorization", account.bearer()).get("/api/v1/usage?groupBy=model")
                .then().statusCode(200).body("groups[0].key", equalTo("NanoBanana")).body("groups[0].jobs.total", equalTo(4));

        // A period without the jobs counts nothing; dates are whole UTC days.
        given().header("Authorization", account.bearer()).get("/api/v1/usage?from=2020-01-01&to=2020-01-31")
                .then().statusCode(200).body("groups.size()", equalTo(0)).body("total.jobs.total", equalTo(0))
                .body("from", equalTo("2020-01-01T00:00:00.000Z")).body("to", equalTo("2020-02-01T00:00:00.000Z"));
        given().header("Authorization", account.bearer()).get("/api/v1/usage?from=" + today + "&to=" + today)
                .then().statusCode(200).body("total.jobs.total", equalTo(4));
    }

    @Test
    void aWrongPeriodOrGroupingIsNamed() {
        Account account = TestTokens.newAccount("free");
        given().header("Authorization", account.bearer()).get("/api/v1/usage?from=yesterday&groupBy=week")
                .then().statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.from.size()", equalTo(1))
                .body("error.details.fields.groupBy.size()", equalTo(1));
        given().header("Authorization", account.bearer()).get("/api/v1/usage?from=2026-12-07&to=2026-12-01")
                .then().statusCode(400).body("error.details.fields.from[0]", equalTo("from must be before to"));
        given().header("Authorization", account.bearer()).get("/api/v1/usage?from=2024-01-01&to=2026-01-01")
                .then().statusCode(400).body("error.details.fields.from[0]", equalTo("the period may be at most 366 days"));
    }

    private void finish(String id, String status, int images, double seconds) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update jobs set status = ?,"
                        + " image_keys = array_fill('k'::text, array[?]), work_started_at = now() - make_interval(secs => ?),"
                        + " work_ended_at = now() where id = ?")) {
            update.setString(1, status);
            update.setInt(2, images);
            update.setDouble(3, seconds);
            update.setString(4, id);
            update.executeUpdate();
        }
    }
}
