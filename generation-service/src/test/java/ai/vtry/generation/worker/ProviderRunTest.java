package ai.vtry.generation.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.config.WorkerConfig;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.Submission;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/** Retries, polling, deadlines and cancellation against a scripted provider (no infrastructure). */
class ProviderRunTest {

    private static final Outcome DONE = new Outcome.Done(
            List.of(new Outcome.GeneratedImage(new byte[] { 1 }, ImageFormat.JPEG, 1, 1)), Map.of());

    /** Answers submit and poll from scripts; a script entry of null means "never answer". */
    static final class ScriptedProvider implements ImageProvider {
        final Deque<Object> submits = new ArrayDeque<>();
        final Deque<Object> polls = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public synchronized Uni<Submission> submit(ImageTask task) {
            calls.add("submit");
            Object next = submits.removeFirst();
            if (next instanceof Throwable failure) {
                return Uni.createFrom().failure(failure);
            }
            if (next instanceof Outcome outcome) {
                return Uni.createFrom().item(Submission.finished(name(), outcome));
            }
            if (next == NEVER) {
                return Uni.createFrom().nothing();
            }
            return Uni.createFrom().item(new Submission(name(), Map.of("request_id", (String) next), null));
        }

        @Override
        public synchronized Uni<Outcome> poll(Submission submission) {
            calls.add("poll " + submission.handle().get("request_id"));
            Object next = polls.isEmpty() ? new Outcome.Pending() : polls.removeFirst();
            return next instanceof Throwable failure ? Uni.createFrom().failure(failure) : Uni.createFrom().item((Outcome) next);
        }

        @Override
        public synchronized Uni<Void> cancel(Submission submission) {
            calls.add("cancel " + submission.handle().get("request_id"));
            return Uni.createFrom().voidItem();
        }
    }

    static final Object NEVER = new Object();

    /** The ledger's provider and cancel methods, kept in memory (the real ones are plain SQL). */
    static final class MemoryLedger extends TaskLedger {
        final Map<String, Submission> kept = new ConcurrentHashMap<>();
        final Set<String> cancelled = ConcurrentHashMap.newKeySet();
        final List<Map<String, Object>> progress = new CopyOnWriteArrayList<>();

        MemoryLedger() {
            super(null, null, null);
        }

        @Override
        public Uni<Void> remember(String jobId, Submission submission) {
            kept.put(jobId, submission);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Submission> submitted(String jobId) {
            return Uni.createFrom().item(kept.get(jobId));
        }

        @Override
        public Uni<Void> progress(String jobId, Map<String, Object> reported) {
            progress.add(reported);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Boolean> isCancelled(String jobId) {
            return Uni.createFrom().item(cancelled.contains(jobId));
        }
    }

    private final ScriptedProvider provider = new ScriptedProvider();
    private final MemoryLedger ledger = new MemoryLedger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UnlimitedQuota quota = new UnlimitedQuota(registry);

    private ProviderRun run(int maxAttempts) {
        WorkerConfig config = TestWorkerConfig.fast(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(80),
                Duration.ofMillis(10));
        return new ProviderRun(provider, ledger, quota, new ProviderCallbacks(null), config, registry);
    }

    private static ImageTask task(String jobId, Duration deadlineIn) {
        return new ImageTask(jobId, JobKind.GENERATION, "NanoBanana", "prompt", List.of(new byte[] { 1 }), Map.of(),
                Instant.now().plus(deadlineIn));
    }

    private Outcome outcome(ProviderRun run, ImageTask task) {
        return run.outcome(task).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void transientFailuresAreRetriedUntilTheProviderAnswers() {
        provider.submits.add(new Outcome.Failed("providerBusy", "busy", true));
        provider.submits.add(new RuntimeException("connection reset"));
        provider.submits.add(DONE);
        assertEquals(DONE, outcome(run(3), task("req_retry", Duration.ofSeconds(10))));
        assertEquals(List.of("submit", "submit", "submit"), provider.calls);
        assertEquals(1.0, registry.counter("vtry.provider.retries", "provider", "scripted", "code", "providerBusy").count());
        assertEquals(1, registry.find("vtry.provider.tasks").tag("outcome", "ok").timer().count());
    }

    @Test
    void retriesStopAtMaxAttemptsWithTheLastFailure() {
        for (int i = 0; i < 3; i++) {
            provider.submits.add(new Outcome.Failed("providerUnavailable", "503", true));
        }
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome(run(3), task("req_max", Duration.ofSeconds(10))));
        assertEquals("providerUnavailable", failed.code());
        assertEquals(3, provider.calls.size());
    }

    @Test
    void busyAnswersPauseEveryInstanceAndDoNotUseUpTheAttempts() {
        for (int i = 0; i < 4; i++) {
            provider.submits.add(new Outcome.Failed("providerBusy", "429", true));
        }
        provider.submits.add("fal-busy");
        provider.polls.add(DONE);

        assertEquals(DONE, outcome(run(3), task("req_busy", Duration.ofSeconds(10))), "4 busy answers, 3 attempts allowed");
        assertEquals(List.of("submit", "submit", "submit", "submit", "submit", "poll fal-busy"), provider.calls);
        assertEquals(4, quota.pauses.size(), "each busy answer paused all instances");
        assertTrue(quota.pauses.get(3).compareTo(quota.pauses.get(0)) >= 0, "pauses grow: " + quota.pauses);
    }

    @Test
    void finalFailuresAreNotRetriedAndNoImageIsRetriedOnce() {
        provider.submits.add(new Outcome.Failed("contentBlocked", "Blocked by the safety filter", false));
        assertEquals("contentBlocked", ((Outcome.Failed) outcome(run(5), task("req_final", Duration.ofSeconds(10)))).code());
        assertEquals(1, provider.calls.size());

        provider.calls.clear();
        provider.submits.add(new Outcome.Failed("noImage", "none", true));
        provider.submits.add(new Outcome.Failed("noImage", "none", true));
        provider.submits.add(DONE);
        assertEquals("noImage", ((Outcome.Failed) outcome(run(5), task("req_noimage", Duration.ofSeconds(10)))).code());
        assertEquals(List.of("submit", "submit"), provider.calls);
    }

    @Test
    void queuedWorkIsPolledThroughHiccupsAndTheRequestIsRemembered() {
        provider.submits.add("fal-1");
        provider.polls.add(new Outcome.Pending());
        provider.polls.add(new Outcome.Failed("providerBusy", "429 on status", true));
        provider.polls.add(new RuntimeException("read timed out"));
        provider.polls.add(DONE);
        assertEquals(DONE, outcome(run(3), task("req_poll", Duration.ofSeconds(10))));
        assertEquals(List.of("submit", "poll fal-1", "poll fal-1", "poll fal-1", "poll fal-1"), provider.calls);
        assertEquals("fal-1", ledger.kept.get("req_poll").handle().get("request_id"));
    }

    @Test
    void aRememberedRequestIsFollowedInsteadOfSubmittedAgain() {
        ledger.kept.put("req_resume", new Submission("scripted", Map.of("request_id", "fal-earlier"), null));
        provider.polls.add(DONE);
        assertEquals(DONE, outcome(run(3), task("req_resume", Duration.ofSeconds(10))));
        assertEquals(List.of("poll fal-earlier"), provider.calls);
    }

    @Test
    void pastTheDeadlineTheJobTimesOutAndTheProviderRequestIsCancelled() {
        provider.submits.add("fal-slow"); // then Pending forever
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome(run(3), task("req_late", Duration.ofMillis(300))));
        assertEquals("timeout", failed.code());
        assertTrue(provider.calls.contains("cancel fal-slow"), provider.calls.toString());
        assertEquals(1, registry.find("vtry.provider.tasks").tag("outcome", "timeout").timer().count());
    }

    @Test
    void aJobCancelledWhileItsRequestIsPolledIsCancelledAtTheProviderAndEnds() {
        provider.submits.add("fal-cancelled"); // then Pending forever
        var running = run(3).outcome(task("req_cancelled", Duration.ofSeconds(30))).subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(5)).until(() -> provider.calls.contains("poll fal-cancelled"));
        ledger.cancelled.add("req_cancelled");
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, running.toCompletableFuture().join());
        assertEquals("cancelled", failed.code());
        assertTrue(provider.calls.contains("cancel fal-cancelled"), provider.calls.toString());
    }

    @Test
    void aProviderThatNeverAnswersTimesOutToo() {
        provider.submits.add(NEVER);
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome(run(3), task("req_hang", Duration.ofMillis(200))));
        assertEquals("timeout", failed.code());
    }

    @Test
    void backoffGrowsWithJitterAndStaysUnderTheCap() {
        ProviderRun run = run(3);
        for (int i = 0; i < 50; i++) {
            long first = run.backoff(1).toMillis();
            long third = run.backoff(3).toMillis();
            long tenth = run.backoff(10).toMillis();
            assertTrue(first >= 10 && first <= 20, "attempt 1: " + first);
            assertTrue(third >= 40 && third <= 80, "attempt 3: " + third);
            assertTrue(tenth >= 40 && tenth <= 80, "capped: " + tenth);
        }
    }
}
