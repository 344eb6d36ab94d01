package ai.vtry.gateway.limit;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * At most three generations per account at once. The echo upstream plays generation-service:
 * {@code ?status=202} makes it answer 202 with the request's own body, {"requestId":"req_..."}.
 */
@QuarkusTest
class GenerationConcurrencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL gateway;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void twentySimultaneousGenerationsAdmitThree() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(http.sendAsync(generation(owner, 202, "req_" + UUID.randomUUID()),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int accepted = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            if (response.statusCode() == 202) {
                accepted++;
                assertEquals("10", response.headers().firstValue("RateLimit-Limit").orElseThrow());
            } else {
                assertConcurrencyLimited(response);
            }
        }
        assertEquals(3, accepted);
    }

    @Test
    void aFinishedGenerationFreesItsSlotAndOtherJobsFreeNothing() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        assertEquals("{\"limit\":3,\"active\":0,\"remaining\":3}", concurrency(owner));
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String job = "req_" + UUID.randomUUID();
            assertEquals(202, send(generation(owner, 202, job)).statusCode());
            jobs.add(job);
        }
        assertConcurrencyLimited(send(generation(owner, 202, "req_" + UUID.randomUUID())));

        // Same record key, so one partition and in order: the edit's event is handled before the generation's.
        String key = owner.userId();
        TestKafka.send(Topics.JOB_COMPLETED, key, event(owner, jobs.get(0), JobKind.EDIT, JobStatus.COMPLETED));
        TestKafka.send(Topics.JOB_COMPLETED, key, "not json");
        TestKafka.send(Topics.JOB_COMPLETED, key, event(owner, jobs.get(1), JobKind.GENERATION, JobStatus.FAILED));

        assertEquals("{\"limit\":3,\"active\":3,\"remaining\":0}", concurrency(owner), "GET /api/v1/me shows the slots held");
        await().atMost(ofSeconds(30)).untilAsserted(
                () -> assertEquals(202, send(generation(owner, 202, "req_" + UUID.randomUUID())).statusCode()));
        // Exactly one slot came free: the edit did not free its namesake's, the garbage went to the DLQ.
        assertConcurrencyLimited(send(generation(owner, 202, "req_" + UUID.randomUUID())));
        TestKafka.await(Topics.deadLetter(Topics.JOB_COMPLETED), r -> "not json".equals(r.value()), ofSeconds(30));
    }

    @Test
    void aRefusedGenerationFreesItsSlotAtOnce() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        for (int i = 0; i < 5; i++) {
            assertEquals(400, send(generation(owner, 400, "req_" + UUID.randomUUID())).statusCode());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(202, send(generation(owner, 202, "req_" + UUID.randomUUID())).statusCode());
        }
        assertConcurrencyLimited(send(generation(owner, 202, "req_" + UUID.randomUUID())));
    }

    @Test
    void aSlotIsPerAccount() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        for (int i = 0; i < 3; i++) {
            assertEquals(202, send(generation(owner, 202, "req_" + UUID.randomUUID())).statusCode());
        }
        assertEquals(202, send(generation(member, 202, "req_" + UUID.randomUUID())).statusCode());
    }

    /** The concurrency object of GET /api/v1/me, as JSON. */
    private String concurrency(TestAccounts.Created account) throws Exception {
        HttpResponse<String> me = send(HttpRequest.newBuilder(URI.create(gateway + "api/v1/me"))
                .header("Authorization", account.bearer()).build());
        assertEquals(200, me.statusCode(), me.body());
        return JSON.readTree(me.body()).path("concurrency").toString();
    }

    private HttpRequest generation(TestAccounts.Created account, int status, String requestId) {
        return HttpRequest.newBuilder(URI.create(gateway + "api/v1/generations?status=" + status))
                .header("Authorization", account.bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"" + requestId + "\"}"))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertConcurrencyLimited(HttpResponse<String> response) throws Exception {
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("10", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("10", response.headers().firstValue("RateLimit-Limit").orElseThrow());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("concurrencyLimited", error.get("code").asText());
        assertEquals("generation-concurrency", error.at("/details/category").asText());
        assertEquals(3, error.at("/details/limit").asInt());
        assertEquals(10, error.at("/details/retryAfterSeconds").asInt());
    }

    static String event(TestAccounts.Created account, String jobId, JobKind kind, JobStatus status)
            throws Exception {
        return JSON.findAndRegisterModules().writeValueAsString(new JobCompleted(JobCompleted.VERSION,
                UUID.randomUUID(), Instant.now(), jobId, account.workspaceId(), account.userId(), kind, status,
                List.of(), status == JobStatus.FAILED ? new JobError("providerFailed", "it failed") : null, Map.of(), Map.of()));
    }
}
