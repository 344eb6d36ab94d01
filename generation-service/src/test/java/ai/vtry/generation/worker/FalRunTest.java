package ai.vtry.generation.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.generation.provider.CpuPool;
import ai.vtry.generation.config.WorkerConfig;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.fal.FalProvider;
import ai.vtry.generation.provider.fal.TestFalConfig;
import ai.vtry.generation.provider.remote.FakeServer;
import ai.vtry.generation.provider.remote.FakeServer.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The worker's provider loop with the real fal adapter against a server speaking fal's queue
 * protocol: a busy submit is retried, queued work is polled to its result, and a request still
 * queued at the deadline, or whose job was cancelled, is cancelled at fal.
 */
class FalRunTest {

    private static final String REQUEST = "/fal-ai/nano-banana/requests/req-1";

    private final byte[] result = TestImages.jpeg(64, 96, Color.GREEN);
    private FakeServer fal;
    private FalProvider provider;
    private ProviderRunTest.MemoryLedger ledger;
    private ProviderRun run;

    @BeforeEach
    void start() {
        fal = new FakeServer();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        provider = new FalProvider(TestFalConfig.of(fal.url(), Duration.ofSeconds(5)), registry,
                new CpuPool(2, registry), Optional.empty());
        ledger = new ProviderRunTest.MemoryLedger();
        WorkerConfig config = TestWorkerConfig.fast(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(20));
        run = new ProviderRun(provider, ledger, new UnlimitedQuota(registry), new ProviderCallbacks(null), config,
                registry);
        fal.on("POST", "/storage/upload/initiate", r -> Response.json(200, "{\"upload_url\":\"" + fal.url()
                + "/upload/in\",\"file_url\":\"" + fal.url() + "/files/in\"}"));
        fal.on("PUT", "/upload/in", r -> Response.json(200, "{}"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fal.close();
    }

    private Response accepted() {
        String base = fal.url() + REQUEST;
        return Response.json(200, "{\"request_id\":\"req-1\",\"status_url\":\"" + base + "/status\",\"response_url\":\""
                + base + "\",\"cancel_url\":\"" + base + "/cancel\",\"queue_position\":0}");
    }

    private ImageTask task(String jobId, Duration deadlineIn) {
        return new ImageTask(jobId, JobKind.GENERATION, "NanoBanana", "Put the coat on the person",
                List.of(TestImages.jpeg(40, 60, Color.RED)), Map.of(), Instant.now().plus(deadlineIn));
    }

    @Test
    void aBusySubmitIsRetriedAndQueuedWorkIsPolledToItsResult() {
        AtomicInteger submits = new AtomicInteger();
        fal.on("POST", "/fal-ai/nano-banana/edit", r -> submits.getAndIncrement() == 0
                ? Response.json(429, "{\"detail\":\"Too many requests\"}").withHeader("Retry-After", "0")
                : accepted());
        AtomicInteger polls = new AtomicInteger();
        List<String> states = List.of("{\"status\":\"IN_QUEUE\",\"queue_position\":2}",
                "{\"status\":\"IN_QUEUE\",\"queue_position\":2}", "{\"status\":\"IN_PROGRESS\"}", "{\"status\":\"COMPLETED\"}");
        fal.on("GET", REQUEST + "/status", r -> Response.json(200, states.get(polls.getAndIncrement())));
        fal.on("GET", REQUEST, r -> Response.json(200, "{\"images\":[{\"url\":\"" + fal.url() + "/cdn/out.jpg\"}]}"));
        fal.on("GET", "/cdn/out.jpg", r -> Response.bytes(200, "image/jpeg", result));

        Outcome.Done done = assertInstanceOf(Outcome.Done.class,
                run.outcome(task("req_fal_ok", Duration.ofSeconds(30))).await().atMost(Duration.ofSeconds(20)));
        assertArrayEquals(result, done.images().get(0).bytes());
        assertEquals(2, submits.get(), "one 429, one accepted");
        assertEquals(4, polls.get());
        assertEquals("req-1", ledger.kept.get("req_fal_ok").handle().get("requestId"), "remembered before waiting");
        assertEquals(List.of(Map.of("stage", "queued", "queuePosition", 2), Map.of("stage", "running")), ledger.progress,
                "each change of fal's progress reported once");
    }

    @Test
    void workStillQueuedAtTheDeadlineIsCancelledAndTimesOut() {
        fal.on("POST", "/fal-ai/nano-banana/edit", r -> accepted());
        fal.on("GET", REQUEST + "/status", r -> Response.json(200, "{\"status\":\"IN_QUEUE\",\"queue_position\":7}"));
        fal.on("PUT", REQUEST + "/cancel", r -> Response.json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class,
                run.outcome(task("req_fal_late", Duration.ofMillis(800))).await().atMost(Duration.ofSeconds(20)));
        assertEquals("timeout", failed.code());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> fal.requests("PUT", REQUEST + "/cancel").size() == 1);
    }

    @Test
    void aJobCancelledWhileQueuedAtFalIsCancelledThereAndEnds() {
        fal.on("POST", "/fal-ai/nano-banana/edit", r -> accepted());
        fal.on("GET", REQUEST + "/status", r -> Response.json(200, "{\"status\":\"IN_QUEUE\",\"queue_position\":3}"));
        fal.on("PUT", REQUEST + "/cancel", r -> Response.json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));

        var running = run.outcome(task("req_fal_cancel", Duration.ofSeconds(30))).subscribeAsCompletionStage();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !fal.requests("GET", REQUEST + "/status").isEmpty());
        ledger.cancelled.add("req_fal_cancel");
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, running.toCompletableFuture().join());
        assertEquals("cancelled", failed.code());
        assertEquals(1, fal.requests("PUT", REQUEST + "/cancel").size());
    }
}
