package ai.vtry.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Idempotency-Key through the gateway, against the echo upstream ({@code answer=job}: a new
 * requestId for every request that reaches it) and the real Redis. Test config: answers are kept
 * 3 s, a repeat waits 1 s for a busy key.
 */
@QuarkusTest
class IdempotencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "/api/v1/persons/pr_1/compose?answer=job";

    @TestHTTPResource("/")
    URL gateway;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRepeatGetsTheKeptAnswerAndNothingRunsAgain() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        String key = newKey();
        HttpResponse<byte[]> first = post(bearer, key, JOB, "{\"model\":\"a\"}");
        assertEquals(200, first.statusCode());
        assertNull(header(first, "Idempotent-Replayed"));

        HttpResponse<byte[]> repeat = post(bearer, key, JOB, "{\"model\":\"a\"}");
        assertEquals(200, repeat.statusCode());
        assertEquals("true", header(repeat, "Idempotent-Replayed"));
        assertArrayEquals(first.body(), repeat.body());
        assertEquals("application/json", header(repeat, "Content-Type"));
        assertEquals(header(first, "Location"), header(repeat, "Location"));
        assertNull(header(repeat, "X-Echo-Seq"), "the upstream was not asked again");
        assertNotEquals(header(first, "X-Request-Id"), header(repeat, "X-Request-Id"), "a replay is a request of its own");

        // Another key runs: the upstream's next requestId is a new one.
        assertNotEquals(requestId(first), requestId(post(bearer, newKey(), JOB, "{\"model\":\"a\"}")));
    }

    @Test
    void concurrentRepeatsWaitForTheFirstAndAllGetItsAnswer() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        String key = newKey();
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(http.sendAsync(postRequest(bearer, key, JOB, "{\"n\":1}"), HttpResponse.BodyHandlers.ofByteArray()));
        }
        Set<String> ids = new HashSet<>();
        int replayed = 0;
        for (CompletableFuture<HttpResponse<byte[]>> response : sent) {
            HttpResponse<byte[]> answer = response.get();
            assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
            ids.add(requestId(answer));
            replayed += "true".equals(header(answer, "Idempotent-Replayed")) ? 1 : 0;
        }
        assertEquals(1, ids.size(), "one request ran: " + ids);
        assertEquals(7, replayed);
    }

    @Test
    void aReplayCostsTheAccountNoLimitAndNoGenerationSlot() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer(); // 10 generations a minute, 3 at once
        String generations = "/api/v1/generations?answer=job";
        String key = newKey();
        for (int i = 0; i < 12; i++) {
            HttpResponse<byte[]> answer = post(bearer, key, generations, "{}");
            assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        }
        // The first holds a slot (its job never completes here); the eleven replays took none.
        assertEquals(200, post(bearer, newKey(), generations, "{}").statusCode());
        assertEquals(200, post(bearer, newKey(), generations, "{}").statusCode());
        assertError(post(bearer, newKey(), generations, "{}"), 429, "concurrencyLimited");
    }

    @Test
    void aDifferentRequestWithTheSameKeyIsRefused() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        String key = newKey();
        assertEquals(200, post(bearer, key, JOB, "{\"model\":\"a\"}").statusCode());

        assertError(post(bearer, key, JOB, "{\"model\":\"b\"}"), 422, "idempotencyKeyReused");
        assertError(post(bearer, key, "/api/v1/persons/pr_2/compose?answer=job", "{\"model\":\"a\"}"), 422,
                "idempotencyKeyReused");
        assertError(send(HttpRequest.newBuilder(url(JOB)).header("Authorization", bearer).header("Idempotency-Key", key)
                .DELETE()), 422, "idempotencyKeyReused");
    }

    @Test
    void keysBelongToTheirWorkspace() throws Exception {
        String key = newKey();
        HttpResponse<byte[]> mine = post(TestAccounts.owner("pro").bearer(), key, JOB, "{}");
        HttpResponse<byte[]> theirs = post(TestAccounts.owner("pro").bearer(), key, JOB, "{}");
        assertEquals(200, theirs.statusCode());
        assertNull(header(theirs, "Idempotent-Replayed"));
        assertNotEquals(requestId(mine), requestId(theirs));
    }

    @Test
    void aServerErrorIsNotKeptSoTheClientMayRetry() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        String key = newKey();
        HttpResponse<byte[]> failed = post(bearer, key, JOB + "&status=503", "{}");
        assertEquals(503, failed.statusCode());
        HttpResponse<byte[]> retried = post(bearer, key, JOB + "&status=503", "{}");
        assertEquals(503, retried.statusCode());
        assertNull(header(retried, "Idempotent-Replayed"));
        assertNotEquals(header(failed, "X-Echo-Seq"), header(retried, "X-Echo-Seq"), "the retry ran");

        // A client error is an answer like any other: kept and replayed.
        String other = newKey();
        HttpResponse<byte[]> refused = post(bearer, other, JOB + "&status=400", "{}");
        HttpResponse<byte[]> again = post(bearer, other, JOB + "&status=400", "{}");
        assertEquals(400, again.statusCode());
        assertEquals("true", header(again, "Idempotent-Replayed"));
        assertArrayEquals(refused.body(), again.body());
    }

    @Test
    void aKeyStillRunningIsInUse() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        String key = newKey();
        // The echo upstream never answers /slow: whichever request claims the key holds it until the
        // proxy times out (2 s, then 504), longer than the other waits for it (1 s, then 409).
        List<CompletableFuture<HttpResponse<byte[]>>> both = List.of(
                http.sendAsync(postRequest(bearer, key, "/api/v1/persons/slow", "{}"), HttpResponse.BodyHandlers.ofByteArray()),
                http.sendAsync(postRequest(bearer, key, "/api/v1/persons/slow", "{}"), HttpResponse.BodyHandlers.ofByteArray()));
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> response : both) {
            HttpResponse<byte[]> answer = response.get();
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 409) {
                assertError(answer, 409, "idempotencyKeyInUse");
                assertEquals("1", header(answer, "Retry-After"));
            }
        }
        statuses.sort(null);
        assertEquals(List.of(409, 504), statuses);
    }

    @Test
    void aKeptAnswerExpiresAfterTheRetentionAndTheKeyIsFreeAgain() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        String key = newKey();
        String firstId = requestId(post(bearer, key, JOB, "{}"));
        assertEquals(firstId, requestId(post(bearer, key, JOB, "{}")));
        Awaitility.await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(15))
                .until(() -> !requestId(post(bearer, key, JOB, "{}")).equals(firstId));
    }

    @Test
    void aMultipartUploadSentAgainWithAnotherBoundaryIsTheSameRequest() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        String key = newKey();
        HttpResponse<byte[]> first = send(multipart(bearer, key, "boundaryAAAA", "photo-bytes"));
        HttpResponse<byte[]> repeat = send(multipart(bearer, key, "zzzzOtherBoundary42", "photo-bytes"));
        assertEquals(200, repeat.statusCode());
        assertEquals("true", header(repeat, "Idempotent-Replayed"));
        assertEquals(requestId(first), requestId(repeat));
        assertError(send(multipart(bearer, key, "boundaryAAAA", "other-bytes")), 422, "idempotencyKeyReused");
    }

    @Test
    void aMalformedKeyIsRefusedBeforeAnythingRuns() throws Exception {
        String bearer = TestAccounts.owner("pro").bearer();
        assertError(post(bearer, "x".repeat(256), JOB, "{}"), 400, "invalidIdempotencyKey");
        assertError(post(bearer, "caf\u00e9", JOB, "{}"), 400, "invalidIdempotencyKey");
        assertError(send(HttpRequest.newBuilder(url(JOB)).header("Authorization", bearer)
                .header("Idempotency-Key", "a").header("Idempotency-Key", "b")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))),
                400, "invalidIdempotencyKey");
        assertEquals(200, post(bearer, "x".repeat(255), JOB, "{}").statusCode());
        // GET is safe by itself: a key on it changes nothing.
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(url("/api/v1/persons")).header("Authorization", bearer)
                .header("Idempotency-Key", "caf\u00e9").GET());
        assertEquals(200, get.statusCode());
    }

    private HttpRequest.Builder multipart(String bearer, String key, String boundary, String content) {
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(url("/api/v1/persons?answer=job")).header("Authorization", bearer)
                .header("Idempotency-Key", key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private HttpRequest postRequest(String bearer, String key, String pathAndQuery, String json) {
        return HttpRequest.newBuilder(url(pathAndQuery)).timeout(Duration.ofSeconds(30)).header("Authorization", bearer)
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpResponse<byte[]> post(String bearer, String key, String pathAndQuery, String json)
            throws IOException, InterruptedException {
        return http.send(postRequest(bearer, key, pathAndQuery, json), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://" + gateway.getHost() + ":" + gateway.getPort() + pathAndQuery);
    }

    private static String requestId(HttpResponse<byte[]> response) throws IOException {
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body()).path("requestId").asText();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.path("error").path("code").asText());
    }
}
