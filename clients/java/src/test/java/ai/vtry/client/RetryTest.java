package ai.vtry.client;

import static ai.vtry.client.FakeApi.error;
import static ai.vtry.client.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.client.model.CreatePersonRequest;
import ai.vtry.client.model.GenerationRequest;
import ai.vtry.client.model.ImageFile;
import ai.vtry.client.model.Model;

class RetryTest {

    private static final String ME = """
            {"user": {"id": "usr_1", "email": "a@b.c"},
             "subscription": {"planId": "free", "planLabel": "Free", "status": "active", "cancelAtPeriodEnd": false,
                              "renewsAt": null},
             "workspace": {"ownerId": "usr_1", "isWorkspaceOwner": true},
             "limits": {"read": {"limit": 60, "remaining": 59, "resetSeconds": 60}}}""";
    private static final String QUEUED = "{\"requestId\":\"req_1\",\"personId\":\"pr_1\",\"clothesIds\":[\"cl_1\"],"
            + "\"promptMode\":\"template\",\"prompt\":\"...\"}";
    private static final GenerationRequest GENERATION = GenerationRequest.builder().model(Model.NANO_BANANA)
            .personId("pr_1").cloth("cl_1").build();

    @Test
    void aReadRefusedWith429IsSentAgainOnceRetryAfterHasPassed() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/me", error(429, "rateLimited", "Retry-After", "1", "RateLimit-Remaining", "0"),
                    json(200, ME));
            long start = System.nanoTime();

            assertEquals(60, api.client().me().get().limits().get("read").limit());

            assertEquals(2, api.received.size());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1000, "waited Retry-After");
        }
    }

    @Test
    void aPostSentAgainAfterA503CarriesTheSameIdempotencyKey() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/generations", error(503, "idempotencyUnavailable", "Retry-After", "1"),
                    error(502, "jobServiceUnavailable"), json(202, QUEUED));

            assertEquals("req_1", api.client().generations().create(GENERATION).requestId());

            List<String> keys = api.received.stream().map(r -> r.header("Idempotency-Key")).toList();
            assertEquals(3, keys.size());
            assertNotNull(keys.get(0));
            assertEquals(List.of(keys.get(0), keys.get(0), keys.get(0)), keys);
        }
    }

    @Test
    void aKeyStillInUseIsWaitedFor() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/generations", error(409, "idempotencyKeyInUse", "Retry-After", "1"), json(202, QUEUED));
            GenerationRequest request = GenerationRequest.builder().model(Model.NANO_BANANA).personId("pr_1")
                    .cloth("cl_1").idempotencyKey("my-operation-1").build();

            api.client().generations().create(request);

            assertEquals(List.of("my-operation-1", "my-operation-1"),
                    api.received.stream().map(r -> r.header("Idempotency-Key")).toList());
        }
    }

    @Test
    void otherConflictsAndServerFaultsAreFinal() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/jobs/req_1/cancel", error(409, "jobFinished"));
            api.on("GET", "/api/v1/me", error(500, "internalError"));
            Vtry vtry = api.client();

            assertEquals("jobFinished", assertThrows(ConflictException.class, () -> vtry.jobs().cancel("req_1")).code());
            assertThrows(ServerException.class, () -> vtry.me().get());
            assertEquals(2, api.received.size());
        }
    }

    @Test
    void aPatchHasNoIdempotencyKeySoItIsNotRetried() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("PATCH", "/api/v1/persons/pr_1", error(503, "upstreamUnavailable"),
                    json(200, "{\"person\":{\"id\":\"pr_1\",\"name\":\"bob\"},\"moved\":0}"));

            ServerException error = assertThrows(ServerException.class, () -> api.client().persons().rename("pr_1", "bob"));

            assertEquals(503, error.status());
            assertEquals(1, api.received.size());
            assertEquals(null, api.received.get(0).header("Idempotency-Key"));
        }
    }

    @Test
    void anUploadFromAStreamCannotBeSentAgainSoItIsNotRetried() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/persons", error(429, "rateLimited", "Retry-After", "1"));

            assertThrows(RateLimitException.class, () -> api.client().persons().create(CreatePersonRequest.builder()
                    .name("alice").file(ImageFile.of("a.jpg", new ByteArrayInputStream(new byte[] {1}))).build()));

            assertEquals(1, api.received.size());
        }
    }

    @Test
    void aWaitLongerThanTheClientAcceptsEndsTheRetries() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/me", error(429, "rateLimited", "Retry-After", "600"));

            RateLimitException error = assertThrows(RateLimitException.class, () -> api.client().me().get());

            assertEquals(Duration.ofSeconds(600), error.retryAfter().orElseThrow());
            assertEquals(1, api.received.size());
        }
    }

    @Test
    void retriesStopAtTheirMaximum() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/me", error(504, "upstreamTimeout"), error(504, "upstreamTimeout"), json(200, ME));
            Vtry vtry = Vtry.builder().apiKey("vtry_test").baseUrl(api.baseUrl()).maxRetries(1).build();

            assertEquals(504, assertThrows(ServerException.class, () -> vtry.me().get()).status());
            assertEquals(2, api.received.size());
        }
    }

    @Test
    void aGatewayThatDoesNotAnswerIsAConnectionException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Vtry vtry = Vtry.builder().apiKey("vtry_test").baseUrl("http://127.0.0.1:" + closedPort).maxRetries(1).build();

        assertThrows(ConnectionException.class, () -> vtry.me().get());
    }

    @Test
    void thePolicyRetriesOnlyWhatIsSafeAndMayPass() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMinutes(2), () -> 0.5);
        ApiException busy = ApiException.of(503, "upstreamUnavailable", "m", Map.of(), null, null);
        ApiException limited = ApiException.of(429, "rateLimited", "m", Map.of(), null, Duration.ofSeconds(12));
        ApiException wrong = ApiException.of(400, "validationFailed", "m", Map.of(), null, null);
        ApiException exists = ApiException.of(409, "personExists", "m", Map.of(), null, null);

        assertEquals(Duration.ofMillis(375), policy.afterError(0, true, busy).orElseThrow());
        assertEquals(Duration.ofMillis(750), policy.afterError(1, true, busy).orElseThrow());
        assertEquals(Duration.ofMillis(1500), policy.afterError(2, true, busy).orElseThrow());
        assertTrue(policy.afterError(3, true, busy).isEmpty(), "after the last retry");
        assertEquals(Duration.ofMillis(12_125), policy.afterError(0, true, limited).orElseThrow());
        assertTrue(policy.afterError(0, false, limited).isEmpty(), "not safe to repeat");
        assertTrue(policy.afterError(0, true, wrong).isEmpty());
        assertTrue(policy.afterError(0, true, exists).isEmpty());
        assertEquals(Duration.ofMillis(375), policy.afterNetworkFailure(0, true).orElseThrow());
        assertTrue(policy.afterNetworkFailure(0, false).isEmpty());
    }

    @Test
    void theBackoffGrowsToItsCapWithJitter() {
        RetryPolicy lowest = new RetryPolicy(20, Duration.ofMinutes(2), () -> 0.0);
        RetryPolicy highest = new RetryPolicy(20, Duration.ofMinutes(2), () -> 0.999_999);
        assertEquals(Duration.ofMillis(250), lowest.backoff(0));
        assertEquals(Duration.ofSeconds(4), lowest.backoff(7));
        assertTrue(highest.backoff(15).compareTo(RetryPolicy.MAX_BACKOFF) <= 0);
        assertTrue(highest.backoff(15).compareTo(Duration.ofMillis(7_999)) > 0);
    }
}
