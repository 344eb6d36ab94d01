package ai.vtry.generation.provider.fal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.generation.provider.CpuPool;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.Submission;
import ai.vtry.generation.provider.remote.FakeServer;
import ai.vtry.generation.provider.remote.FakeServer.Request;
import ai.vtry.generation.provider.remote.FakeServer.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** FalProvider against a local server speaking fal's storage and queue protocol. */
class FalProviderTest {

    private static final String SUBMIT = "/fal-ai/nano-banana/edit";
    private static final String SUBMIT_2 = "/fal-ai/nano-banana-2/edit";
    private static final String REQUEST = "/fal-ai/nano-banana/requests/req-1";
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final ObjectMapper json = new ObjectMapper();
    private final byte[] person = TestImages.jpeg(40, 60, Color.RED);
    private final byte[] coat = TestImages.png(30, 30, Color.BLUE);
    private final byte[] result = TestImages.jpeg(64, 96, Color.GREEN);
    private FakeServer fal;
    private SimpleMeterRegistry registry;
    private FalProvider provider;

    @BeforeEach
    void start() {
        fal = new FakeServer();
        registry = new SimpleMeterRegistry();
        provider = new FalProvider(TestFalConfig.of(fal.url(), Duration.ofSeconds(5)), registry,
                new CpuPool(2, registry), Optional.empty());
        fal.on("POST", "/storage/upload/initiate", r -> {
            String name = read(r).path("file_name").asText();
            return Response.json(200, "{\"upload_url\":\"" + fal.url() + "/upload/" + name + "\",\"file_url\":\""
                    + fal.url() + "/files/" + name + "\"}");
        });
        fal.on("PUT", "/upload/input-1.jpg", r -> Response.json(200, "{}"));
        fal.on("PUT", "/upload/input-2.png", r -> Response.json(200, "{}"));
        fal.on("POST", SUBMIT, r -> accepted());
    }

    @AfterEach
    void stop() {
        provider.close();
        fal.close();
    }

    @Test
    void uploadsSubmitsPollsAndDownloads() {
        AtomicInteger polls = new AtomicInteger();
        List<String> states = List.of("IN_QUEUE", "IN_PROGRESS", "COMPLETED");
        fal.on("GET", REQUEST + "/status",
                r -> Response.json(200, "{\"status\":\"" + states.get(polls.getAndIncrement()) + "\",\"queue_position\":0}"));
        fal.on("GET", REQUEST, r -> Response.json(200, "{\"images\":[{\"url\":\"" + fal.url()
                + "/cdn/out-1.jpg\",\"content_type\":\"image/jpeg\"}],\"description\":\"A person in a blue coat\"}"));
        fal.on("GET", "/cdn/out-1.jpg", r -> Response.bytes(200, "image/jpeg", result));

        Submission submission = provider.submit(task("NanoBanana", Map.of("aspectRatio", "3:4", "resolution", "2K")))
                .await().atMost(AWAIT);

        // Uploads: initiated with our key, bytes PUT to the signed URL without it.
        List<Request> initiates = fal.requests("POST", "/storage/upload/initiate");
        assertEquals(2, initiates.size());
        for (Request initiate : initiates) {
            assertEquals("storage_type=fal-cdn-v3", initiate.query());
            assertEquals("Key " + TestFalConfig.KEY, initiate.header("Authorization"));
        }
        assertEquals(List.of("image/jpeg input-1.jpg", "image/png input-2.png"), initiates.stream()
                .map(r -> read(r).path("content_type").asText() + " " + read(r).path("file_name").asText()).sorted().toList());
        Request put1 = fal.requests("PUT", "/upload/input-1.jpg").get(0);
        assertArrayEquals(person, put1.body());
        assertNull(put1.header("Authorization"));
        assertEquals("image/jpeg", put1.header("Content-Type"));
        assertArrayEquals(coat, fal.requests("PUT", "/upload/input-2.png").get(0).body());

        // Submit: every field, in our order, with the key and a short object lifetime.
        Request submit = fal.requests("POST", SUBMIT).get(0);
        assertEquals("Key " + TestFalConfig.KEY, submit.header("Authorization"));
        assertEquals("{\"expiration_duration_seconds\":3600}", submit.header("x-fal-object-lifecycle-preference"));
        long startTimeout = Long.parseLong(submit.header("x-fal-request-timeout"));
        assertTrue(startTimeout > 50 && startTimeout <= 60, "seconds to the deadline: " + startTimeout);
        JsonNode body = read(submit);
        assertEquals("Put the coat on the person", body.path("prompt").asText());
        assertEquals(List.of(fal.url() + "/files/input-1.jpg", fal.url() + "/files/input-2.png"), texts(body.path("image_urls")));
        assertEquals("3:4", body.path("aspect_ratio").asText());
        assertEquals("jpeg", body.path("output_format").asText());
        assertEquals(1, body.path("num_images").asInt());
        assertFalse(body.path("sync_mode").asBoolean(true));
        assertFalse(body.has("resolution"), "resolution is for NanoBanana2 only");

        // The handle keeps fal's URLs verbatim.
        assertNull(submission.immediateOutcome());
        assertEquals("fal", submission.provider());
        assertEquals("req-1", submission.handle().get("requestId"));
        assertEquals(fal.url() + REQUEST + "/status", submission.handle().get("statusUrl"));
        assertEquals(fal.url() + REQUEST, submission.handle().get("responseUrl"));
        assertEquals(fal.url() + REQUEST + "/cancel", submission.handle().get("cancelUrl"));

        assertInstanceOf(Outcome.Pending.class, provider.poll(submission).await().atMost(AWAIT));
        assertInstanceOf(Outcome.Pending.class, provider.poll(submission).await().atMost(AWAIT));
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, provider.poll(submission).await().atMost(AWAIT));

        assertEquals(1, done.images().size());
        Outcome.GeneratedImage image = done.images().get(0);
        assertArrayEquals(result, image.bytes());
        assertEquals(ImageFormat.JPEG, image.format());
        assertEquals(64, image.width());
        assertEquals(96, image.height());
        assertEquals("req-1", done.details().get("requestId"));
        assertEquals("A person in a blue coat", done.details().get("description"));
        for (Request poll : fal.requests("GET", REQUEST + "/status")) {
            assertEquals("Key " + TestFalConfig.KEY, poll.header("Authorization"));
        }
        assertEquals(3, fal.requests("GET", REQUEST + "/status").size());
        assertEquals("Key " + TestFalConfig.KEY, fal.requests("GET", REQUEST).get(0).header("Authorization"));
        // The CDN never sees our key.
        assertNull(fal.requests("GET", "/cdn/out-1.jpg").get(0).header("Authorization"));
        // Submit and the final poll are timed; the two pending polls are not.
        assertEquals(2, registry.get("vtry.provider.calls").tags("provider", "fal", "model", "NanoBanana", "outcome", "ok")
                .timer().count());
    }

    @Test
    void fourImagesOfNanoBanana2WithResolution() {
        fal.on("POST", SUBMIT_2, r -> accepted());
        fal.on("GET", REQUEST + "/status", r -> Response.json(200, "{\"status\":\"COMPLETED\"}"));
        List<byte[]> outputs = new ArrayList<>();
        StringBuilder images = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            byte[] png = TestImages.png(10 * i, 20, Color.ORANGE);
            outputs.add(png);
            fal.on("GET", "/cdn/" + i + ".png", r -> Response.bytes(200, "image/png", png));
            images.append(i > 1 ? "," : "").append("{\"url\":\"").append(fal.url()).append("/cdn/").append(i).append(".png\"}");
        }
        fal.on("GET", REQUEST, r -> Response.json(200, "{\"images\":[" + images + "]}"));

        Submission submission = provider.submit(task("NanoBanana2",
                Map.of("numImages", 4, "resolution", "2K", "outputFormat", "png", "aspectRatio", "auto")))
                .await().atMost(AWAIT);
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, provider.poll(submission).await().atMost(AWAIT));

        JsonNode body = read(fal.requests("POST", SUBMIT_2).get(0));
        assertEquals(4, body.path("num_images").asInt());
        assertEquals("2K", body.path("resolution").asText());
        assertEquals("png", body.path("output_format").asText());
        assertEquals("auto", body.path("aspect_ratio").asText());
        assertEquals(4, done.images().size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(outputs.get(i), done.images().get(i).bytes());
            assertEquals(10 * (i + 1), done.images().get(i).width());
            assertEquals(ImageFormat.PNG, done.images().get(i).format());
        }
    }

    @Test
    void syncModeImagesComeAsDataUrisAndAreTranscoded() {
        byte[] png = TestImages.png(32, 48, Color.MAGENTA);
        fal.on("GET", REQUEST + "/status", r -> Response.json(200, "{\"status\":\"COMPLETED\"}"));
        fal.on("GET", REQUEST, r -> Response.json(200, "{\"images\":[{\"url\":\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"}]}"));

        Submission submission = provider.submit(task("NanoBanana", Map.of("syncMode", true))).await().atMost(AWAIT);
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, provider.poll(submission).await().atMost(AWAIT));

        assertTrue(read(fal.requests("POST", SUBMIT).get(0)).path("sync_mode").asBoolean());
        Outcome.GeneratedImage image = done.images().get(0);
        assertEquals(ImageFormat.JPEG, image.format()); // jpeg is the default output format
        assertEquals(ImageFormat.JPEG, ImageFormat.fromSignature(image.bytes(), image.bytes().length));
        assertEquals(32, image.width());
        assertEquals(48, image.height());
    }

    @Test
    void rateLimitedSubmitIsBusyAndRetryable() {
        fal.on("POST", SUBMIT, r -> Response.json(429, "{\"detail\":\"Too many requests\"}").withHeader("Retry-After", "7"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerBusy", failed.code());
        assertEquals("Provider busy; try later (retry after 7 s)", failed.message());
        assertTrue(failed.retryable());
        assertEquals(1, registry.get("vtry.provider.calls").tags("outcome", "providerBusy").timer().count());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreUnavailableAndRetryable(int status) {
        fal.on("POST", SUBMIT, r -> Response.json(status, "{\"detail\":\"upstream failure\"}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerUnavailable", failed.code());
        assertEquals("fal is unavailable (HTTP " + status + ")", failed.message());
        assertTrue(failed.retryable());
    }

    @Test
    void validationErrorIsRejectedWithASanitizedMessage() {
        fal.on("POST", SUBMIT, r -> Response.json(422, "{\"detail\":[{\"loc\":[\"body\",\"image_urls\",0],"
                + "\"msg\":\"Could not download https://v3.fal.media/files/secret/abc.png with key " + TestFalConfig.KEY
                + "\",\"type\":\"value_error\"}]}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerRejected", failed.code());
        assertEquals("The provider rejected the request: image_urls.0: Could not download <url> with key", failed.message());
        assertFalse(failed.retryable());
        assertFalse(failed.message().contains("fal.media"));
        assertFalse(failed.message().contains(TestFalConfig.KEY));
    }

    @Test
    void refusedKeyIsMisconfigured() {
        fal.on("POST", SUBMIT, r -> Response.json(401, "{\"detail\":\"Invalid key " + TestFalConfig.KEY + "\"}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerMisconfigured", failed.code());
        assertEquals("fal refused our credentials (HTTP 401); check FAL_KEY", failed.message());
        assertFalse(failed.retryable());
    }

    @Test
    void anAnswerSlowerThanTheCallTimeoutIsUnavailableAndRetryable() {
        provider.close();
        provider = new FalProvider(TestFalConfig.of(fal.url(), Duration.ofMillis(300)), registry,
                new CpuPool(2, registry), Optional.empty());
        fal.on("POST", SUBMIT, r -> accepted().after(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        Outcome.Failed failed = submitFails();

        assertEquals("providerUnavailable", failed.code());
        assertEquals("The provider did not answer in time", failed.message());
        assertTrue(failed.retryable());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "gave up at the call timeout");
    }

    @Test
    void startTimeoutOfTheUserIsATimeoutNotARetry() {
        fal.on("GET", REQUEST + "/status", r -> Response.json(200, "{\"status\":\"COMPLETED\"}"));
        fal.on("GET", REQUEST, r -> Response.json(504, "{\"detail\":\"Request timed out\"}")
                .withHeader("X-Fal-Request-Timeout-Type", "user"));

        Submission submission = provider.submit(task("NanoBanana", Map.of())).await().atMost(AWAIT);
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, provider.poll(submission).await().atMost(AWAIT));

        assertEquals("timeout", failed.code());
        assertFalse(failed.retryable());
    }

    @Test
    void aGateway504WhilePollingIsUnavailable() {
        fal.on("GET", REQUEST + "/status", r -> Response.json(504, "{}"));

        Submission submission = provider.submit(task("NanoBanana", Map.of())).await().atMost(AWAIT);
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, provider.poll(submission).await().atMost(AWAIT));

        assertEquals("providerUnavailable", failed.code());
        assertTrue(failed.retryable());
    }

    @Test
    void cancelPutsToTheCancelUrl() {
        fal.on("PUT", REQUEST + "/cancel", r -> Response.json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));

        Submission submission = provider.submit(task("NanoBanana", Map.of())).await().atMost(AWAIT);
        provider.cancel(submission).await().atMost(AWAIT);

        List<Request> cancels = fal.requests("PUT", REQUEST + "/cancel");
        assertEquals(1, cancels.size());
        assertEquals("Key " + TestFalConfig.KEY, cancels.get(0).header("Authorization"));
    }

    @Test
    void aFailedCancelIsIgnored() {
        fal.on("PUT", REQUEST + "/cancel", r -> Response.json(400, "{\"status\":\"ALREADY_COMPLETED\"}"));

        Submission submission = provider.submit(task("NanoBanana", Map.of())).await().atMost(AWAIT);

        assertNull(provider.cancel(submission).await().atMost(AWAIT));
        assertEquals(1, fal.requests("PUT", REQUEST + "/cancel").size());
    }

    @Test
    void nothingIsSentPastTheDeadline() {
        ImageTask late = new ImageTask("job-1", JobKind.EDIT, "NanoBanana", "p", List.of(person), Map.of(),
                Instant.now().minusSeconds(1));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class,
                provider.submit(late).await().atMost(AWAIT).immediateOutcome());

        assertEquals("timeout", failed.code());
        assertFalse(failed.retryable());
        assertEquals(List.of(), fal.requests());
    }

    @Test
    void theKeyIsNotSentToAStatusUrlOnAnotherHost() {
        try (FakeServer elsewhere = new FakeServer()) {
            fal.on("POST", SUBMIT, r -> Response.json(200, "{\"request_id\":\"req-1\",\"status_url\":\"" + elsewhere.url()
                    + REQUEST + "/status\",\"response_url\":\"" + elsewhere.url() + REQUEST + "\",\"cancel_url\":\""
                    + elsewhere.url() + REQUEST + "/cancel\"}"));

            Outcome.Failed failed = submitFails();

            assertEquals("providerMisconfigured", failed.code());
            assertEquals(List.of(), elsewhere.requests());
        }
    }

    private Outcome.Failed submitFails() {
        Submission submission = provider.submit(task("NanoBanana", Map.of())).await().atMost(AWAIT);
        assertNotNull(submission.immediateOutcome(), "a failed submit is finished");
        return assertInstanceOf(Outcome.Failed.class, submission.immediateOutcome());
    }

    private ImageTask task(String model, Map<String, Object> options) {
        return new ImageTask("job-1", JobKind.GENERATION, model, "Put the coat on the person", List.of(person, coat),
                new HashMap<>(options), Instant.now().plusSeconds(60));
    }

    private Response accepted() {
        String base = fal.url() + REQUEST;
        return Response.json(200, "{\"request_id\":\"req-1\",\"status_url\":\"" + base + "/status\",\"response_url\":\""
                + base + "\",\"cancel_url\":\"" + base + "/cancel\",\"queue_position\":0}");
    }

    private JsonNode read(Request request) {
        try {
            return json.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
