package ai.vtry.generation.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobRequested;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.outbox.Outbox;
import ai.vtry.common.outbox.ProcessedEvents;
import ai.vtry.generation.provider.Submission;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The worker's transactions: what it tells job-service goes through the outbox, and a request is
 * marked processed in the same transaction as its final report, so a redelivered request is
 * recognised and not run (or billed) twice. A remote provider's request is remembered as soon as it is
 * submitted, so a worker that takes over a job follows that request instead of submitting another.
 */
@ApplicationScoped
public class TaskLedger {

    private static final TypeReference<Map<String, String>> HANDLE = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final ObjectMapper json;

    public TaskLedger(Outbox outbox, ProcessedEvents processedEvents, ObjectMapper json) {
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.json = json;
    }

    /** Keeps a submitted remote request (the first one per job wins; a retry's replaces it). */
    @WithTransaction
    public Uni<Void> remember(String jobId, Submission submission) {
        String handle;
        try {
            handle = json.writeValueAsString(submission.handle());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into provider_submissions (job_id, provider, handle) values (?1, ?2, cast(cast(?3 as text) as jsonb))
                on conflict (job_id) do update set provider = excluded.provider, handle = excluded.handle, submitted_at = now()""")
                .setParameter(1, jobId).setParameter(2, submission.provider()).setParameter(3, handle)
                .executeUpdate()).replaceWithVoid();
    }

    /** The remote request submitted for this job earlier, if any. */
    @WithSession
    public Uni<Submission> submitted(String jobId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select provider, cast(handle as text) from provider_submissions where job_id = ?1", Object[].class)
                .setParameter(1, jobId)
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    try {
                        return new Submission((String) row[0], json.readValue((String) row[1], HANDLE), null);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Unreadable provider submission of job " + jobId, e);
                    }
                });
    }

    /** Remembers that the job's client cancelled it; a redelivered notice changes nothing. */
    @WithTransaction
    public Uni<Void> cancelled(String jobId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into cancelled_jobs (job_id) values (?1) on conflict (job_id) do nothing")
                .setParameter(1, jobId)
                .executeUpdate()).replaceWithVoid();
    }

    /** Whether the job's client cancelled it. */
    @WithSession
    public Uni<Boolean> isCancelled(String jobId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select job_id from cancelled_jobs where job_id = ?1", String.class)
                .setParameter(1, jobId)
                .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    /**
     * Forgets the provider requests and cancellations of jobs created before {@code before}: every job
     * has ended by its deadline (10 minutes by default), so a day later no worker can need them.
     */
    @WithTransaction
    public Uni<Void> forget(Instant before) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from provider_submissions where submitted_at < ?1").setParameter(1, before)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("delete from cancelled_jobs where cancelled_at < ?1")
                        .setParameter(1, before).executeUpdate()))
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetYesterday() {
        return forget(Instant.now().minus(Duration.ofDays(1)))
                .onFailure().invoke(e -> Log.warnf("Forgetting old provider requests failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Reports PROCESSING, unless this request was already handled; false means skip it. */
    @WithTransaction
    public Uni<Boolean> begin(JobRequested request) {
        return processedEvents.seen(request.eventId()).chain(seen -> seen
                ? Uni.createFrom().item(false)
                : report(request.jobId(), JobStatus.PROCESSING, List.of(), null, Map.of(), null).replaceWith(true));
    }

    /** Reports the final outcome once per request. */
    @WithTransaction
    public Uni<Void> finish(JobRequested request, TaskResult result) {
        return processedEvents.firstDelivery(request.eventId()).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : report(request.jobId(), result.status(), result.imageKeys(), result.error(), result.details(), null));
    }

    /** Reports what the provider says about a job it works on (queued where, or running), shown on the job. */
    @WithTransaction
    public Uni<Void> progress(String jobId, Map<String, Object> progress) {
        return report(jobId, JobStatus.PROCESSING, List.of(), null, Map.of(), progress);
    }

    private Uni<Void> report(String jobId, JobStatus status, List<String> keys, JobError error,
            Map<String, Object> details, Map<String, Object> progress) {
        JobStatusChanged event = new JobStatusChanged(UUID.randomUUID(), Instant.now(), jobId, status, keys,
                error, details, progress);
        return outbox.append(Topics.JOB_STATUS, jobId, event);
    }
}
