package ai.vtry.generation.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

/** GeminiProvider against a local server speaking generateContent. */
class GeminiProviderTest {

    private static final String FLASH = "/v1beta/models/gemini-2.5-flash-image:generateContent";
    private static final String FLASH_3 = "/v1beta/models/gemini-3.1-flash-image-preview:generateContent";
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final ObjectMapper json = new ObjectMapper();
    private final byte[] composite = TestImages.jpeg(40, 60, Color.RED);
    private final byte[] coat = TestImages.png(30, 30, Color.BLUE);
    private final byte[] answerPng = TestImages.png(80, 120, Color.GREEN);
    private FakeServer gemini;
    private SimpleMeterRegistry registry;
    private GeminiProvider provider;

    @BeforeEach
    void start() {
        gemini = new FakeServer();
        registry = new SimpleMeterRegistry();
        provider = new GeminiProvider(TestGeminiConfig.of(gemini.url(), Duration.ofSeconds(5)), registry, new CpuPool(2, registry));
    }

    @AfterEach
    void stop() {
        provider.close();
        gemini.close();
    }

    @Test
    void sendsPromptThenImagesAndTranscodesThePngAnswerToJpeg() {
        gemini.on("POST", FLASH_3, r -> Response.json(200, imageAnswer(answerPng, "STOP")));

        Submission submission = provider.submit(task("NanoBanana2",
                Map.of("aspectRatio", "16:9", "resolution", "2K"))).await().atMost(AWAIT);

        Request call = gemini.requests("POST", FLASH_3).get(0);
        assertEquals(TestGeminiConfig.KEY, call.header("x-goog-api-key"));
        JsonNode body = read(call);
        JsonNode parts = body.path("contents").path(0).path("parts");
        assertEquals(3, parts.size());
        assertEquals("Put the coat on the person", parts.path(0).path("text").asText());
        assertEquals("image/jpeg", parts.path(1).path("inlineData").path("mimeType").asText());
        assertArrayEquals(composite, Base64.getDecoder().decode(parts.path(1).path("inlineData").path("data").asText()));
        assertEquals("image/png", parts.path(2).path("inlineData").path("mimeType").asText());
        assertArrayEquals(coat, Base64.getDecoder().decode(parts.path(2).path("inlineData").path("data").asText()));
        JsonNode config = body.path("generationConfig");
        assertEquals(List.of("TEXT", "IMAGE"), List.of(config.path("responseModalities").path(0).asText(),
                config.path("responseModalities").path(1).asText()));
        assertEquals("16:9", config.path("imageConfig").path("aspectRatio").asText());
        assertEquals("2K", config.path("imageConfig").path("imageSize").asText());

        // Gemini answers at once: the submission holds the outcome, poll returns it.
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, submission.immediateOutcome());
        assertSame(submission.immediateOutcome(), provider.poll(submission).await().atMost(AWAIT));
        Outcome.GeneratedImage image = done.images().get(0);
        assertEquals(ImageFormat.JPEG, image.format());
        assertEquals(ImageFormat.JPEG, ImageFormat.fromSignature(image.bytes(), image.bytes().length));
        assertEquals(80, image.width());
        assertEquals(120, image.height());
        assertEquals("Here is the person in the coat.", done.details().get("description"));
        assertEquals(1, registry.get("vtry.provider.calls")
                .tags("provider", "gemini", "model", "NanoBanana2", "outcome", "ok").timer().count());
    }

    @Test
    void autoAspectRatioAndResolutionOfNanoBananaAreOmittedAndPngIsKept() {
        gemini.on("POST", FLASH, r -> Response.json(200, imageAnswer(answerPng, "STOP")));

        Submission submission = provider.submit(task("NanoBanana",
                Map.of("aspectRatio", "auto", "resolution", "4K", "outputFormat", "png"))).await().atMost(AWAIT);

        JsonNode config = read(gemini.requests("POST", FLASH).get(0)).path("generationConfig");
        assertFalse(config.has("imageConfig"), config.toString());
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, submission.immediateOutcome());
        assertEquals(ImageFormat.PNG, done.images().get(0).format());
        assertArrayEquals(answerPng, done.images().get(0).bytes());
    }

    @Test
    void twoImagesAreTwoCalls() {
        gemini.on("POST", FLASH, r -> Response.json(200, imageAnswer(answerPng, "STOP")));

        Submission submission = provider.submit(task("NanoBanana", Map.of("numImages", 2))).await().atMost(AWAIT);

        assertEquals(2, gemini.requests("POST", FLASH).size());
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, submission.immediateOutcome());
        assertEquals(2, done.images().size());
        assertEquals(2, registry.get("vtry.provider.calls").tags("outcome", "ok").timer().count());
    }

    @Test
    void noImageIsRetryableOnce() {
        gemini.on("POST", FLASH, r -> Response.json(200,
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"I cannot\"}]},\"finishReason\":\"NO_IMAGE\"}]}"));

        Outcome.Failed failed = submitFails();

        assertEquals("noImage", failed.code());
        assertTrue(failed.retryable());
    }

    @Test
    void anAnswerWithoutAnImageIsNoImage() {
        gemini.on("POST", FLASH, r -> Response.json(200,
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Here you go\"}]},\"finishReason\":\"STOP\"}]}"));

        assertEquals("noImage", submitFails().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMAGE_SAFETY", "SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"})
    void blockingFinishReasonsAreContentBlocked(String reason) {
        gemini.on("POST", FLASH, r -> Response.json(200, "{\"candidates\":[{\"finishReason\":\"" + reason + "\"}]}"));

        Outcome.Failed failed = submitFails();

        assertEquals("contentBlocked", failed.code());
        assertEquals("Blocked by the safety filter", failed.message());
        assertFalse(failed.retryable());
    }

    @Test
    void aBlockedPromptIsContentBlocked() {
        gemini.on("POST", FLASH, r -> Response.json(200, "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}"));

        Outcome.Failed failed = submitFails();

        assertEquals("contentBlocked", failed.code());
        assertFalse(failed.retryable());
    }

    @Test
    void resourceExhaustedIsBusy() {
        gemini.on("POST", FLASH, r -> Response.json(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"37s\"}]}}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerBusy", failed.code());
        assertEquals("Provider busy; try later (retry after 37 s)", failed.message());
        assertTrue(failed.retryable());
    }

    @Test
    void modelCapacityIsUnavailable() {
        gemini.on("POST", FLASH, r -> Response.json(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded\","
                + "\"status\":\"UNAVAILABLE\",\"details\":[{\"reason\":\"MODEL_CAPACITY_EXHAUSTED\"}]}}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerUnavailable", failed.code());
        assertTrue(failed.retryable());
    }

    @Test
    void serverErrorIsUnavailable() {
        gemini.on("POST", FLASH, r -> Response.json(500,
                "{\"error\":{\"code\":500,\"message\":\"Internal error\",\"status\":\"INTERNAL\"}}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerUnavailable", failed.code());
        assertEquals("Gemini is unavailable (HTTP 500)", failed.message());
        assertTrue(failed.retryable());
        assertEquals(1, registry.get("vtry.provider.calls").tags("outcome", "providerUnavailable").timer().count());
    }

    @Test
    void badRequestIsRejectedWithASanitizedMessage() {
        gemini.on("POST", FLASH, r -> Response.json(400, "{\"error\":{\"code\":400,\"message\":\"Unable to process input "
                + "image https://storage.googleapis.com/b/o.png?sig=abc key=" + TestGeminiConfig.KEY
                + "\",\"status\":\"INVALID_ARGUMENT\"}}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerRejected", failed.code());
        assertEquals("The provider rejected the request: Unable to process input image <url> key=", failed.message());
        assertFalse(failed.retryable());
    }

    @Test
    void anInvalidKeyIsMisconfiguredEvenAsA400() {
        gemini.on("POST", FLASH, r -> Response.json(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid.\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}"));

        Outcome.Failed failed = submitFails();

        assertEquals("providerMisconfigured", failed.code());
        assertFalse(failed.retryable());
    }

    @Test
    void aSlowAnswerIsUnavailableAndRetryable() {
        provider.close();
        provider = new GeminiProvider(TestGeminiConfig.of(gemini.url(), Duration.ofMillis(300)), registry, new CpuPool(2, registry));
        gemini.on("POST", FLASH, r -> Response.json(200, imageAnswer(answerPng, "STOP")).after(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        Outcome.Failed failed = submitFails();

        assertEquals("providerUnavailable", failed.code());
        assertEquals("The provider did not answer in time", failed.message());
        assertTrue(failed.retryable());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "gave up at the call timeout");
    }

    @Test
    void oneBlockedImageOfTwoFailsTheTask() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        gemini.on("POST", FLASH, r -> calls.getAndIncrement() == 0
                ? Response.json(200, imageAnswer(answerPng, "STOP"))
                : Response.json(200, "{\"candidates\":[{\"finishReason\":\"IMAGE_SAFETY\"}]}"));

        Submission submission = provider.submit(task("NanoBanana", Map.of("numImages", 2))).await().atMost(AWAIT);

        assertEquals("contentBlocked", assertInstanceOf(Outcome.Failed.class, submission.immediateOutcome()).code());
    }

    private Outcome.Failed submitFails() {
        Submission submission = provider.submit(task("NanoBanana", Map.of())).await().atMost(AWAIT);
        return assertInstanceOf(Outcome.Failed.class, submission.immediateOutcome());
    }

    private ImageTask task(String model, Map<String, Object> options) {
        return new ImageTask("job-1", JobKind.GENERATION, model, "Put the coat on the person", List.of(composite, coat),
                new HashMap<>(options), Instant.now().plusSeconds(60));
    }

    private static String imageAnswer(byte[] png, String finishReason) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Here is the person in the coat.\"},"
                + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(png)
                + "\"}}]},\"finishReason\":\"" + finishReason + "\"}]}";
    }

    private JsonNode read(Request request) {
        try {
            return json.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
