package ai.vtry.generation.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import ai.vtry.generation.config.WorkerConfig;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.Submission;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Drives one task through the provider until it has an outcome: submit (or follow the request a
 * previous worker submitted), poll queued work, retry transient failures with exponential backoff
 * and jitter, and stop at the job's deadline, cancelling the provider request (code {@code timeout}).
 * Every submission waits for its turn under the provider key's shared limits ({@link ProviderQuota});
 * a provider that answers busy (429) pauses every instance's submissions and is asked again without
 * using up the job's attempts: only the deadline ends that.
 * Every outcome is timed per provider, kind and result ({@code vtry_provider_tasks_seconds}).
 * Provider answers and timers arrive on other threads; each step resumes on the message's Vert.x
 * context, where the ledger's Hibernate Reactive session lives.
 */
@ApplicationScoped
public class ProviderRun {

    /** Failures that say "not now": while polling they mean poll again, on submit they mean retry. */
    private static final Set<String> TRANSIENT = Set.of("providerBusy", "providerUnavailable");

    private final ImageProvider provider;
    private final TaskLedger ledger;
    private final ProviderQuota quota;
    private final ProviderCallbacks callbacks;
    private final WorkerConfig config;
    private final MeterRegistry registry;

    public ProviderRun(ImageProvider provider, TaskLedger ledger, ProviderQuota quota, ProviderCallbacks callbacks,
            WorkerConfig config, MeterRegistry registry) {
        this.provider = provider;
        this.ledger = ledger;
        this.quota = quota;
        this.callbacks = callbacks;
        this.config = config;
        this.registry = registry;
    }

    /**
     * One task's run: the request being followed (to cancel at the deadline), the provider's progress
     * last reported, and where to resume.
     */
    private record Run(ImageTask task, AtomicReference<Submission> current, AtomicReference<Map<String, Object>> progress,
            Executor context) {
    }

    public Uni<Outcome> outcome(ImageTask task) {
        long start = System.nanoTime();
        Context context = Vertx.currentContext();
        Run run = new Run(task, new AtomicReference<>(), new AtomicReference<>(Map.of()),
                context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run()));
        Uni<Outcome> work = ledger.submitted(task.jobId())
                .chain(earlier -> earlier != null && earlier.provider().equals(provider.name())
                        ? quota.claim(provider.name(), task.jobId(), lease(task)).emitOn(run.context())
                                .chain(() -> follow(run, earlier, 1, 0))
                        : attempt(run, 1, 0));
        Duration left = task.deadline() == null ? null : Duration.between(Instant.now(), task.deadline());
        if (left != null) {
            work = work.ifNoItem().after(left.isNegative() ? Duration.ZERO : left)
                    .recoverWithUni(() -> cancel(run.current().get()).replaceWith(timeout()));
        }
        return work.emitOn(run.context())
                .onTermination().call((outcome, failure, cancelled) -> quota.release(provider.name(), task.jobId())
                        .emitOn(run.context()))
                .invoke(outcome -> record(task, outcome, start));
    }

    /** A lease lasts until the job's deadline: it frees itself if this instance dies. */
    private static Duration lease(ImageTask task) {
        return task.deadline() == null ? Duration.ofMinutes(15) : Duration.between(Instant.now(), task.deadline());
    }

    /** Waits, holding no thread, until the provider key's shared limits let this job submit. */
    private Uni<Void> turn(Run run) {
        return quota.take(provider.name(), run.task().jobId(), lease(run.task()))
                .emitOn(run.context())
                .chain(wait -> wait.isZero() ? Uni.createFrom().voidItem() : after(run, wait).chain(() -> turn(run)));
    }

    /** @param busy how many busy answers (429) came before, which do not count as attempts */
    private Uni<Outcome> attempt(Run run, int attempt, int busy) {
        return turn(run)
                .chain(() -> provider.submit(run.task()))
                .onFailure().recoverWithItem(e -> Submission.finished(provider.name(), unavailable(e)))
                .emitOn(run.context())
                .call(submission -> submission.immediateOutcome() == null
                        ? ledger.remember(run.task().jobId(), submission) : Uni.createFrom().voidItem())
                .chain(submission -> follow(run, submission, attempt, busy));
    }

    private Uni<Outcome> follow(Run run, Submission submission, int attempt, int busy) {
        run.current().set(submission);
        Uni<Outcome> outcome = submission.immediateOutcome() != null
                ? Uni.createFrom().item(submission.immediateOutcome())
                : poll(run, submission);
        return outcome.chain(result -> {
            if (result instanceof Outcome.Failed failed && "providerBusy".equals(failed.code())) {
                return pauseAndRetry(run, attempt, busy, failed);
            }
            return retryable(result, attempt)
                    ? retryAfterBackoff(run, attempt, busy, (Outcome.Failed) result)
                    : Uni.createFrom().item(result);
        });
    }

    /** The provider is busy (429): every instance pauses its submissions, and this job asks again. */
    private Uni<Outcome> pauseAndRetry(Run run, int attempt, int busy, Outcome.Failed failed) {
        Duration wait = backoff(busy + 1);
        Log.infof("Job %s: provider %s is busy (%s), all instances pause %d ms", run.task().jobId(), provider.name(),
                failed.message(), wait.toMillis());
        registry.counter("vtry.provider.retries", "provider", provider.name(), "code", failed.code()).increment();
        // Waits here too, so a Redis outage does not turn the pause into a hammering loop.
        return quota.pause(provider.name(), wait).chain(() -> after(run, wait)).chain(() -> attempt(run, attempt, busy + 1));
    }

    /**
     * Polls until the provider has an outcome; its own hiccups (429, 5xx, network) only mean "ask again".
     * A job cancelled meanwhile (by any instance: the ledger says so) is cancelled at the provider and
     * ends here, freeing its slot.
     */
    private Uni<Outcome> poll(Run run, Submission submission) {
        return ledger.isCancelled(run.task().jobId())
                .chain(cancelled -> cancelled
                        ? cancel(submission).replaceWith(cancelled())
                        : provider.poll(submission).onFailure().recoverWithItem(e -> unavailable(e)))
                .chain(outcome -> {
                    boolean again = outcome instanceof Outcome.Pending
                            || outcome instanceof Outcome.Failed failed && TRANSIENT.contains(failed.code());
                    if (!again) {
                        return Uni.createFrom().item(outcome);
                    }
                    return (outcome instanceof Outcome.Pending pending ? report(run, pending) : Uni.createFrom().voidItem())
                            .chain(() -> nextPoll(run, submission)).chain(() -> poll(run, submission));
                })
                .emitOn(run.context());
    }

    /** Tells job-service when the provider's progress changed; only a hint, so a failure is ignored. */
    private Uni<Void> report(Run run, Outcome.Pending pending) {
        if (pending.progress().isEmpty() || pending.progress().equals(run.progress().getAndSet(pending.progress()))) {
            return Uni.createFrom().voidItem();
        }
        return ledger.progress(run.task().jobId(), pending.progress())
                .onFailure().invoke(e -> Log.warnf("Progress of job %s not reported: %s", run.task().jobId(), e.toString()))
                .onFailure().recoverWithNull()
                .emitOn(run.context());
    }

    /**
     * The wait before the next poll: the poll interval, or for a provider that calls back, until its
     * callback arrives, with a slow poll as the safety net.
     */
    private Uni<Void> nextPoll(Run run, Submission submission) {
        return provider.callbackId(submission)
                .map(id -> callbacks.await(id, config.callbackPollInterval()).emitOn(run.context()))
                .orElseGet(() -> after(run, config.pollInterval()));
    }

    private static Uni<Void> after(Run run, Duration wait) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait).emitOn(run.context());
    }

    private boolean retryable(Outcome outcome, int attempt) {
        if (!(outcome instanceof Outcome.Failed failed) || !failed.retryable()) {
            return false;
        }
        // A provider that returned no image gets one more chance; other transient failures get maxAttempts.
        return attempt < ("noImage".equals(failed.code()) ? Math.min(2, config.maxAttempts()) : config.maxAttempts());
    }

    private Uni<Outcome> retryAfterBackoff(Run run, int attempt, int busy, Outcome.Failed failed) {
        Duration wait = backoff(attempt);
        Log.infof("Job %s: provider %s answered %s (attempt %d), retrying in %d ms", run.task().jobId(),
                provider.name(), failed.code(), attempt, wait.toMillis());
        registry.counter("vtry.provider.retries", "provider", provider.name(), "code", failed.code()).increment();
        return after(run, wait).chain(() -> attempt(run, attempt + 1, busy));
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out. */
    Duration backoff(int attempt) {
        long step = Math.min(config.backoffMax().toMillis(),
                config.backoffInitial().toMillis() << Math.min(attempt - 1, 20));
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private Uni<Void> cancel(Submission submission) {
        if (submission == null || submission.immediateOutcome() != null) {
            return Uni.createFrom().voidItem();
        }
        return provider.cancel(submission)
                .onFailure().invoke(e -> Log.warnf("Cancelling a %s request failed: %s", provider.name(), e.toString()))
                .onFailure().recoverWithNull();
    }

    private static Outcome.Failed unavailable(Throwable e) {
        Log.warnf("Provider call failed: %s", e.toString());
        return new Outcome.Failed("providerUnavailable", "The image provider is unavailable; try again later", true);
    }

    private static Outcome cancelled() {
        return new Outcome.Failed("cancelled", "The job was cancelled", false);
    }

    private static Outcome timeout() {
        return new Outcome.Failed("timeout", "Not finished before the job's deadline", false);
    }

    private void record(ImageTask task, Outcome outcome, long start) {
        String result = switch (outcome) {
            case Outcome.Done done -> "ok";
            case Outcome.Failed failed -> failed.code();
            case Outcome.Pending pending -> "pending";
        };
        Timer.builder("vtry.provider.tasks")
                .description("Provider work per job, from first submit to outcome, retries included")
                .tags("provider", provider.name(), "kind", task.kind().wireName(), "outcome", result)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
    }
}
