package ai.vtry.job.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobRequested;
import ai.vtry.common.event.JobResult;
import ai.vtry.common.event.JobResultApplied;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.id.Ids;
import ai.vtry.common.logging.LogContext;
import ai.vtry.common.outbox.Outbox;
import ai.vtry.common.outbox.ProcessedEvents;
import ai.vtry.common.storage.StorageKeys;
import ai.vtry.job.config.JobsConfig;
import ai.vtry.job.entity.Job;
import ai.vtry.job.mapping.JobView;
import ai.vtry.job.repository.JobRepository;
import ai.vtry.jobapi.JobTimeout;
import ai.vtry.jobapi.NewJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The job state machine. Every change that others must hear about is announced through the outbox. */
@ApplicationScoped
public class JobService {

    private final JobRepository jobs;
    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final JobsConfig config;
    private final JobMetrics metrics;
    private final ObjectMapper json;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public JobService(JobRepository jobs, Outbox outbox, ProcessedEvents processedEvents, JobsConfig config,
            JobMetrics metrics, ObjectMapper json) {
        this.json = json;
        this.jobs = jobs;
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.config = config;
        this.metrics = metrics;
    }

    /** Records a QUEUED job and its request event in one transaction. */
    @WithTransaction
    public Uni<Job> create(Caller caller, NewJob request) {
        validate(request, caller.workspaceId());
        Instant now = Instant.now();
        Job job = new Job(Ids.newId("req"), caller.workspaceId(), caller.userId(), request.kind(), request.model(),
                request.prompt(), request.parameters(), request.sourceUrl(), now, now.plus(timeLimit(request)));
        List<String> imageKeys = request.imageKeys() == null ? List.of() : request.imageKeys();
        LogContext.put(LogContext.JOB_ID, job.getId());
        LogContext.put(LogContext.WORKSPACE_ID, job.getWorkspaceId());
        metrics.created(job);
        if (request.kind().requestTopic() == null) {
            return jobs.persist(job).call(() -> finish(job, imageKeys, Map.of(), now)).replaceWith(job);
        }
        JobRequested event = new JobRequested(UUID.randomUUID(), now, job.getId(), job.getWorkspaceId(),
                job.getKind(), job.getModel(), job.getPrompt(),
                request.options() == null ? Map.of() : request.options(), imageKeys, job.getDeadline());
        return jobs.persist(job)
                .call(() -> outbox.append(request.kind().requestTopic(), job.getId(), event))
                .replaceWith(job);
    }

    /** Applies a worker's report once; reports about finished jobs change nothing. */
    @WithTransaction
    public Uni<Void> apply(JobStatusChanged report) {
        return processedEvents.firstDelivery(report.eventId()).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            return jobs.findForUpdate(report.jobId()).chain(job -> {
                if (job == null) {
                    Log.warnf("Status %s for unknown job %s ignored", report.status(), report.jobId());
                    return Uni.createFrom().voidItem();
                }
                LogContext.put(LogContext.WORKSPACE_ID, job.getWorkspaceId());
                Instant now = Instant.now();
                return switch (report.status()) {
                    case PROCESSING -> {
                        job.start(now);
                        if (report.progress() != null) {
                            job.progress(report.progress(), now);
                        }
                        yield Uni.createFrom().voidItem();
                    }
                    case COMPLETED -> inWorkspace(report.imageKeys(), job.getWorkspaceId())
                            ? finish(job, report.imageKeys(), report.response(), now)
                            : failForeignResult(job, report.imageKeys(), now);
                    case FAILED -> failReported(job, report.error(), now);
                    case QUEUED, CANCELLED -> Uni.createFrom().voidItem(); // no worker reports these
                };
            });
        });
    }

    private Uni<Void> failForeignResult(Job job, List<String> keys, Instant now) {
        Log.errorf("Worker reported results outside workspace %s for job %s: %s", job.getWorkspaceId(), job.getId(), keys);
        return failReported(job, new JobError("processingFailed", "The result was not stored in the job's workspace"), now);
    }

    /**
     * A worker's failure. A job whose result only waits for its owner has succeeded already: a late
     * failure changes nothing (only the owner's dead letter can fail it, {@link #failUndeliverable}).
     */
    private Uni<Void> failReported(Job job, JobError error, Instant now) {
        return !job.awaitsOwner() && job.fail(error, now) ? announceCompletion(job) : Uni.createFrom().voidItem();
    }

    /** The owner applied the held result (once per event): the job completes now and is announced. */
    @WithTransaction
    public Uni<Void> completeApplied(JobResultApplied applied) {
        return processedEvents.firstDelivery(applied.eventId()).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : jobs.findForUpdate(applied.jobId()).chain(job -> {
                    if (job == null || !job.completeApplied(applied.owner(), Instant.now())) {
                        Log.infof("Result of job %s applied by %s changes nothing", applied.jobId(), applied.owner());
                        return Uni.createFrom().voidItem();
                    }
                    LogContext.put(LogContext.WORKSPACE_ID, job.getWorkspaceId());
                    return announceCompletion(job);
                }));
    }

    /** A request that no worker could process (it reached a dead-letter topic): the job fails, readably. */
    @WithTransaction
    public Uni<Void> failUndeliverable(UUID eventId, String jobId, String reason) {
        return processedEvents.firstDelivery(eventId).chain(first -> !first || jobId == null
                ? Uni.createFrom().voidItem()
                : jobs.findForUpdate(jobId).chain(job -> job != null
                        && job.fail(new JobError("processingFailed", "The request could not be processed: " + reason), Instant.now())
                                ? announceCompletion(job) : Uni.createFrom().voidItem()));
    }

    /**
     * Cancels a job of the caller's workspace: 404 if there is none, 409 jobFinished if it is final
     * (or its result is being applied). Announced on job-completed like any end: the gateway frees
     * the generation slot, the workers drop the job if they have not finished it.
     */
    @WithTransaction
    public Uni<Job> cancel(Caller caller, String id) {
        return jobs.findForUpdate(id).chain(job -> {
            if (job == null || !job.getWorkspaceId().equals(caller.workspaceId())) {
                return Uni.createFrom().failure(ApiException.notFound("Job", id));
            }
            if (!job.cancel(Instant.now())) {
                return Uni.createFrom().failure(new ApiException(409, "jobFinished",
                        "Job " + id + " is " + job.getStatus().name() + " already: only a queued or processing job can be cancelled",
                        Map.of("status", job.getStatus().name())));
            }
            return announceCompletion(job).replaceWith(job);
        });
    }

    /** Fails the jobs that are still unfinished a grace period after their deadline; returns how many. */
    @WithTransaction
    public Uni<Integer> failOverdue() {
        Instant now = Instant.now();
        return jobs.overdue(now.minus(config.sweepGrace()), config.sweepBatch()).chain(overdue -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Job job : overdue) {
                long seconds = Duration.between(job.getCreatedAt(), job.getDeadline()).toSeconds();
                if (job.fail(new JobError("timeout", "Not finished within " + seconds + " s"), now)) {
                    all = all.chain(() -> announceCompletion(job));
                }
            }
            return all.replaceWith(overdue.size());
        });
    }

    /**
     * A successful result: COMPLETED at once when it is the job's alone; held while another service
     * applies it (a composite, a cloth) when it changes that service's data, so that COMPLETED always
     * means the effect is visible everywhere (docs/architecture.md, "COMPLETED means visible").
     */
    private Uni<Void> finish(Job job, List<String> imageKeys, Map<String, Object> response, Instant now) {
        String owner = JobResult.ownerOf(job.getKind(), job.getParameters());
        if (owner == null) {
            return job.complete(imageKeys, response, now) ? announceCompletion(job) : Uni.createFrom().voidItem();
        }
        if (!job.holdResult(imageKeys, response, owner, now)) {
            return Uni.createFrom().voidItem();
        }
        JobResult result = new JobResult(JobResult.VERSION, UUID.randomUUID(), now, job.getId(), job.getWorkspaceId(),
                job.getUserId(), job.getKind(), owner, job.heldImageKeys(), job.getParameters());
        return outbox.append(Topics.JOB_RESULTS, job.getId(), result);
    }

    private Uni<Void> announceCompletion(Job job) {
        JobCompleted event = new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), job.getUpdatedAt(),
                job.getId(), job.getWorkspaceId(), job.getUserId(), job.getKind(), job.getStatus(),
                job.getImageKeys(), job.getError(), job.getParameters(), json.convertValue(JobView.of(job, key -> null), MAP));
        return outbox.append(Topics.JOB_COMPLETED, job.getId(), event).invoke(() -> metrics.finished(job));
    }

    /** The deployment's deadline, or the client's timeoutSeconds when that is sooner. */
    private Duration timeLimit(NewJob request) {
        Duration deadline = config.deadline();
        if (request.timeoutSeconds() == null) {
            return deadline;
        }
        Duration asked = Duration.ofSeconds(request.timeoutSeconds());
        return asked.compareTo(deadline) < 0 ? asked : deadline;
    }

    private static void validate(NewJob request, String workspaceId) {
        FieldErrors errors = new FieldErrors();
        if (request == null || request.kind() == null) {
            errors.add("kind", "kind is required");
        } else if (request.kind().requestTopic() != null && (request.imageKeys() == null || request.imageKeys().isEmpty())) {
            errors.add("imageKeys", "a job for a worker needs at least one input image");
        }
        List<String> keys = request == null || request.imageKeys() == null ? List.of() : request.imageKeys();
        for (int i = 0; i < keys.size(); i++) {
            if (!StorageKeys.inWorkspace(keys.get(i), workspaceId)) {
                errors.add("imageKeys", "imageKeys[" + i + "] is not an object of the caller's workspace");
            }
        }
        JobTimeout.check(errors, request == null ? null : request.timeoutSeconds());
        errors.throwIfAny();
    }

    /** A worker must store results under the job's own workspace; anything else is a bug, not a result. */
    private static boolean inWorkspace(List<String> keys, String workspaceId) {
        return keys == null || keys.stream().allMatch(key -> StorageKeys.inWorkspace(key, workspaceId));
    }
}
