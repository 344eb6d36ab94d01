package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** GET /api/v1/jobs/{id}/events, read as a client reads it; statuses change straight in the database. */
@QuarkusTest
class JobEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    ObjectMapper events; // Quarkus's: writes Instants as the services do

    @TestHTTPResource("/")
    URL service;
    @Inject
    javax.sql.DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One event as it came: its id, its name, its data. */
    record Event(String id, String name, String data) {
    }

    @Test
    void theCurrentStateAtOnceThenEachChangeThenTheEnd() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(account, "pr_events1");
        HttpResponse<Stream<String>> response = open(account, id, null);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();

        Event queued = nextEvent(lines);
        assertEquals(new Event("1", "queued", queued.data()), queued);
        assertEquals("QUEUED", JSON.readTree(queued.data()).path("status").asText());

        setStatus(id, "PROCESSING");
        assertEquals("processing", nextEvent(lines).name());
        setStatus(id, "COMPLETED");
        Event completed = nextEvent(lines);
        assertEquals("3", completed.id());
        assertEquals("completed", completed.name());
        JsonNode job = JSON.readTree(completed.data());
        assertEquals(id, job.path("id").asText());
        assertEquals("COMPLETED", job.path("status").asText());
        assertEquals(null, nextEvent(lines), "the stream ends after the final state");
    }

    @Test
    void aClientThatReconnectsGetsOnlyWhatIsNewer() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(account, "pr_events2");
        setStatus(id, "PROCESSING");
        Iterator<String> lines = open(account, id, "2").body().iterator(); // it saw "processing" already
        setStatus(id, "FAILED");
        Event failed = nextEvent(lines);
        assertEquals("3", failed.id());
        assertEquals("failed", failed.name());
        assertEquals(null, nextEvent(lines));

        // Reconnecting after the final state: 204, which stops a browser's EventSource.
        assertEquals(204, open(account, id, "3").statusCode());
    }

    @Test
    void theProvidersProgressComesAsFurtherProcessingEventsAndOnTheJob() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(account, "pr_events4");
        Iterator<String> lines = open(account, id, null).body().iterator();
        assertEquals("queued", nextEvent(lines).name());

        report(id, null);
        assertEquals(new Event("2", "processing", null), withoutData(nextEvent(lines)));
        report(id, Map.of("stage", "queued", "queuePosition", 3));
        Event queuedThere = nextEvent(lines);
        assertEquals("processing", queuedThere.name());
        assertTrue(queuedThere.id().matches("2\\.\\d+"), queuedThere.id());
        assertEquals(3, JSON.readTree(queuedThere.data()).path("progress").path("queuePosition").asInt());
        report(id, Map.of("stage", "queued", "queuePosition", 3)); // no change, no event
        report(id, Map.of("stage", "running"));
        Event running = nextEvent(lines);
        assertEquals("running", JSON.readTree(running.data()).path("progress").path("stage").asText());
        given().header("Authorization", account.bearer()).get("/api/v1/jobs/" + id).then()
                .body("progress.stage", equalTo("running"));

        // Reconnecting with the last progress seen: nothing until the next change.
        Iterator<String> again = open(account, id, running.id()).body().iterator();
        setStatus(id, "COMPLETED");
        Event completed = nextEvent(again);
        assertEquals("3", completed.id());
        assertTrue(JSON.readTree(completed.data()).path("progress").isNull(), "a finished job shows no progress");
    }

    private static Event withoutData(Event event) {
        return new Event(event.id(), event.name(), null);
    }

    /** A worker's PROCESSING report, through Kafka as the worker sends it. */
    private void report(String id, Map<String, Object> progress) throws Exception {
        TestKafka.send(Topics.JOB_STATUS, id, events.writeValueAsString(new JobStatusChanged(UUID.randomUUID(),
                Instant.now(), id, JobStatus.PROCESSING, List.of(), null, Map.of(), progress)));
    }

    @Test
    void anotherWorkspacesJobIsNotFound() {
        Account owner = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(owner, "pr_events3");
        given().header("Authorization", TestTokens.newAccount("pro").bearer()).accept("text/event-stream")
                .get("/api/v1/jobs/" + id + "/events")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
    }

    private HttpResponse<Stream<String>> open(Account account, String id, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + service.getHost() + ":" + service.getPort() + "/api/v1/jobs/" + id + "/events"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", account.bearer())
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** The next event (comments skipped), or null when the stream ended. */
    private static Event nextEvent(Iterator<String> lines) {
        String id = null;
        String name = null;
        List<String> data = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (name != null || !data.isEmpty()) {
                    return new Event(id, name, String.join("\n", data));
                }
                continue;
            }
            if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            }
        }
        return null;
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
