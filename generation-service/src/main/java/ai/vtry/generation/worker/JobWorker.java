package ai.vtry.generation.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ai.vtry.common.event.JobRequested;
import ai.vtry.common.logging.LogContext;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Runs one job request: report PROCESSING, load the inputs, let the provider work, store the
 * results in our bucket, report COMPLETED or FAILED. Any failure of a job ends in a FAILED report
 * with a readable error; only a message that is not a request at all goes to the dead-letter topic.
 */
@ApplicationScoped
public class JobWorker {

    private final TaskLedger ledger;
    private final ProviderRun providerRun;
    private final ObjectStorage storage;
    private final Vertx vertx;
    private final InFlight inFlight;

    public JobWorker(TaskLedger ledger, ProviderRun providerRun, ObjectStorage storage, Vertx vertx, InFlight inFlight) {
        this.ledger = ledger;
        this.providerRun = providerRun;
        this.storage = storage;
        this.vertx = vertx;
        this.inFlight = inFlight;
    }

    /** Logs of the whole run carry the job and workspace ids (MDC). */
    public Uni<Void> process(JobRequested request) {
        return LogContext.withJob(request.jobId(), request.workspaceId(), () -> run(request));
    }

    private Uni<Void> run(JobRequested request) {
        return ledger.begin(request).chain(started -> {
            if (!started) {
                Log.infof("Job %s already handled, redelivery skipped", request.jobId());
                return Uni.createFrom().voidItem();
            }
            long start = System.nanoTime();
            return execute(request)
                    // While the instance stops, a failure may be the shutdown itself: the record goes to
                    // the next owner instead of failing a job that would have succeeded.
                    .onFailure(failure -> !inFlight.stopping()).recoverWithItem(failure -> {
                        Log.errorf(failure, "Job %s failed", request.jobId());
                        return TaskResult.failed("processingFailed", "The job could not be processed");
                    })
                    .invoke(result -> Log.infof("Job %s %s in %d ms", request.jobId(), result.status(),
                            Duration.ofNanos(System.nanoTime() - start).toMillis()))
                    .chain(result -> ledger.finish(request, result));
        });
    }

    private Uni<TaskResult> execute(JobRequested request) {
        if (request.deadline() != null && Instant.now().isAfter(request.deadline())) {
            return Uni.createFrom().item(TaskResult.failed("timeout", "The job was not started before its deadline"));
        }
        return unlessCancelled(request, () -> blocking(() -> inputs(request))
                .chain(inputs -> inputs == null
                        ? Uni.createFrom().item(TaskResult.failed("invalidInput",
                                "An input image of this job no longer exists (deleted after the job was queued)"))
                        : providerRun.outcome(new ImageTask(request.jobId(), request.kind(), request.model(),
                                request.prompt(), inputs, request.options(), request.deadline()))
                                .chain(outcome -> switch (outcome) {
                                    case Outcome.Done done when done.images().isEmpty() ->
                                        Uni.createFrom().item(TaskResult.failed("noImage", "The provider returned no image"));
                                    case Outcome.Done done -> unlessCancelled(request, () -> store(request, done)
                                            .chain(stored -> keptUnlessCancelled(request, stored)));
                                    case Outcome.Failed failed ->
                                        Uni.createFrom().item(TaskResult.failed(failed.code(), failed.message()));
                                    case Outcome.Pending pending ->
                                        Uni.createFrom().item(TaskResult.failed("timeout", "The provider did not finish"));
                                })));
    }

    /**
     * Goes on with the job unless its client cancelled it: checked before the provider is called and
     * before its images are stored, so a cancelled job costs no call it has not made yet and leaves no
     * result. The report then changes nothing: job-service keeps the job CANCELLED.
     */
    private Uni<TaskResult> unlessCancelled(JobRequested request, Supplier<Uni<TaskResult>> next) {
        return ledger.isCancelled(request.jobId()).chain(cancelled -> {
            if (cancelled) {
                Log.infof("Job %s was cancelled: dropped", request.jobId());
                return Uni.createFrom().item(TaskResult.failed("cancelled", "The job was cancelled"));
            }
            return next.get();
        });
    }

    /**
     * A result stored while its job was being cancelled is deleted here, or by {@link Cancellations}
     * when the cancel is recorded after this check: either way none is left behind.
     */
    private Uni<TaskResult> keptUnlessCancelled(JobRequested request, TaskResult stored) {
        return ledger.isCancelled(request.jobId()).chain(cancelled -> {
            if (!cancelled) {
                return Uni.createFrom().item(stored);
            }
            Log.infof("Job %s was cancelled while its result was stored: deleted", request.jobId());
            return blocking(() -> {
                storage.delete(stored.imageKeys());
                return TaskResult.failed("cancelled", "The job was cancelled");
            });
        });
    }

    /** The input images in prompt order, or null when one of them is gone (a person or cloth deleted meanwhile). */
    private List<byte[]> inputs(JobRequested request) {
        try {
            return request.imageKeys().stream().map(storage::read).toList();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** Copies the provider's images into our bucket; clients only ever get our signed links. */
    private Uni<TaskResult> store(JobRequested request, Outcome.Done done) {
        return blocking(() -> {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < Math.min(done.images().size(), ResultKeys.MAX); i++) {
                Outcome.GeneratedImage image = done.images().get(i);
                String key = ResultKeys.of(request.kind(), request.workspaceId(), request.jobId(), i + 1, image.format());
                storage.put(key, image.bytes(), image.format().contentType());
                keys.add(key);
            }
            Map<String, Object> details = new LinkedHashMap<>(done.details());
            Outcome.GeneratedImage first = done.images().get(0);
            details.put("width", first.width());
            details.put("height", first.height());
            details.put("contentType", first.format().contentType());
            return TaskResult.completed(keys, details);
        });
    }

    /** Blocking I/O on a worker thread, resuming on the caller's context (Hibernate Reactive stays on it). */
    private <T> Uni<T> blocking(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work));
    }
}
