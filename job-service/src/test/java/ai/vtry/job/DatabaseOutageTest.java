package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * job-service's database goes away for 3 s while workers' reports arrive (new connections refused,
 * open ones cut, as in a restart or a failover). Consumers try again with backoff instead of
 * dead-lettering at the first error, so every job still ends right: nothing consumes job-status.dlq,
 * and a dead-lettered report would leave its job PROCESSING until the sweeper fails it.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final int JOBS = 10;

    @Inject
    ObjectMapper json;
    @Inject
    AgroalDataSource jdbc;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void reportsThatArriveWhileTheDatabaseIsDownStillFinishTheirJobs() throws Exception {
        Account account = TestTokens.newAccount("pro");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            ids.add(JobLifecycleTest.createGeneration(account, "pr_outage" + i));
        }
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        String maintenance = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "postgres";
        try (Connection admin = DriverManager.getConnection(maintenance, user, password);
                Statement sql = admin.createStatement()) {
            try {
                sql.execute("alter database \"" + database + "\" allow_connections false");
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
                for (String id : ids) {
                    JobStatusChanged done = new JobStatusChanged(UUID.randomUUID(), Instant.now(), id, JobStatus.COMPLETED,
                            List.of("generations/" + account.workspaceId() + "/" + id + "-1.jpg"), null, Map.of("provider", "test"), null);
                    TestKafka.send(Topics.JOB_STATUS, id, json.writeValueAsString(done));
                }
                Thread.sleep(3000);
            } finally {
                sql.execute("alter database \"" + database + "\" allow_connections true");
                // The outage also cut the JDBC pool's idle connections (other tests use it): drop them.
                jdbc.flush(AgroalDataSource.FlushMode.ALL);
            }
        }
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", account.bearer())
                    .get("/api/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("COMPLETED")));
        }
    }
}
