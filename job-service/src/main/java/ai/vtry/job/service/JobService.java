package ai.vtry.job.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobRequested;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.id.Ids;
import ai.vtry.common.logging.LogContext;
import ai.vtry.common.outbox.Outbox;
import ai.vtry.common.outbox.ProcessedEvents;
import ai.vtry.job.config.JobsConfig;
import ai.vtry.job.entity.Job;
import ai.vtry.job.repository.JobRepository;
import ai.vtry.job.rest.CreateJobRequest;
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

    public JobService(JobRepository jobs, Outbox outbox, ProcessedEvents processedEvents, JobsConfig config,
            JobMetrics metrics) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.config = config;
        this.metrics = metrics;
    }

    /** Records a QUEUED job and its request event in one transaction. */
    @WithTransaction
    public Uni<Job> create(Caller caller, CreateJobRequest request) {
        validate(request);
        Instant now = Instant.now();
        Job job = new Job(Ids.newId("req"), caller.workspaceId(), caller.userId(), request.kind(), request.model(),
                request.prompt(), request.parameters(), request.sourceUrl(), now, now.plus(config.deadline()));
        List<String> imageKeys = request.imageKeys() == null ? List.of() : request.imageKeys();
        LogContext.put(LogContext.JOB_ID, job.getId());
        LogContext.put(LogContext.WORKSPACE_ID, job.getWorkspaceId());
        metrics.created(job);
        if (request.kind().requestTopic() == null) {
            job.complete(imageKeys, Map.of(), now);
            return jobs.persist(job).call(() -> announceCompletion(job)).replaceWith(job);
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
            return jobs.findById(report.jobId()).chain(job -> {
                if (job == null) {
                    Log.warnf("Status %s for unknown job %s ignored", report.status(), report.jobId());
                    return Uni.createFrom().voidItem();
                }
                LogContext.put(LogContext.WORKSPACE_ID, job.getWorkspaceId());
                Instant now = Instant.now();
                return switch (report.status()) {
                    case PROCESSING -> {
                        job.start(now);
                        yield Uni.createFrom().voidItem();
                    }
                    case COMPLETED -> job.complete(report.imageKeys(), report.response(), now)
                            ? announceCompletion(job) : Uni.createFrom().voidItem();
                    case FAILED -> job.fail(report.error(), now) ? announceCompletion(job) : Uni.createFrom().voidItem();
                    case QUEUED -> Uni.createFrom().voidItem();
                };
            });
        });
    }

    /** A request that no worker could process (it reached a dead-letter topic): the job fails, readably. */
    @WithTransaction
    public Uni<Void> failUndeliverable(UUID eventId, String jobId, String reason) {
        return processedEvents.firstDelivery(eventId).chain(first -> !first || jobId == null
                ? Uni.createFrom().voidItem()
                : jobs.findById(jobId).chain(job -> job != null
                        && job.fail(new JobError("processingFailed", "The request could not be processed: " + reason), Instant.now())
                                ? announceCompletion(job) : Uni.createFrom().voidItem()));
    }

    /** Fails the jobs that are still unfinished a grace period after their deadline; returns how many. */
    @WithTransaction
    public Uni<Integer> failOverdue() {
        Instant now = Instant.now();
        return jobs.overdue(now.minus(config.sweepGrace()), config.sweepBatch()).chain(overdue -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Job job : overdue) {
                long seconds = java.time.Duration.between(job.getCreatedAt(), job.getDeadline()).toSeconds();
                if (job.fail(new JobError("timeout", "Not finished within " + seconds + " s"), now)) {
                    all = all.chain(() -> announceCompletion(job));
                }
            }
            return all.replaceWith(overdue.size());
        });
    }

    private Uni<Void> announceCompletion(Job job) {
        JobCompleted event = new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), job.getUpdatedAt(),
                job.getId(), job.getWorkspaceId(), job.getUserId(), job.getKind(), job.getStatus(),
                job.getImageKeys(), job.getError(), job.getParameters());
        return outbox.append(Topics.JOB_COMPLETED, job.getId(), event).invoke(() -> metrics.finished(job));
    }

    private static void validate(CreateJobRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request == null || request.kind() == null) {
            errors.add("kind", "kind is required");
        } else if (request.kind().requestTopic() != null && (request.imageKeys() == null || request.imageKeys().isEmpty())) {
            errors.add("imageKeys", "a job for a worker needs at least one input image");
        }
        errors.throwIfAny();
    }
}
