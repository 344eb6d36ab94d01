package ai.vtry.job.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A job and its result. Only job-service writes jobs; its status only moves forward. */
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    private String id;
    @Column(name = "workspace_id")
    private String workspaceId;
    @Column(name = "user_id")
    private String userId;
    @Convert(converter = JobKindConverter.class)
    private JobKind kind;
    @Enumerated(EnumType.STRING)
    private JobStatus status;
    private String model;
    private String prompt;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> parameters;
    @Column(name = "source_url")
    private String sourceUrl;
    // A text[] column: Hibernate Reactive binds JSON columns as objects only, and keys are plain strings.
    @Column(name = "image_keys")
    private String[] imageKeys;
    @JdbcTypeCode(SqlTypes.JSON)
    private JobError error;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> response;
    private Instant deadline;
    // The provider's last word on a PROCESSING job, e.g. {"stage": "queued", "queuePosition": 3}.
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> progress;
    // The service that must apply the result before the job completes; set only while it has not.
    @Column(name = "awaiting_owner")
    private String awaitingOwner;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    /** When a worker started the job and when it reported the outcome: the provider's time (usage). */
    @Column(name = "work_started_at")
    private Instant workStartedAt;

    @Column(name = "work_ended_at")
    private Instant workEndedAt;

    protected Job() {
    }

    public Job(String id, String workspaceId, String userId, JobKind kind, String model, String prompt,
            Map<String, Object> parameters, String sourceUrl, Instant now, Instant deadline) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.userId = userId;
        this.kind = kind;
        this.status = JobStatus.QUEUED;
        this.model = model;
        this.prompt = prompt;
        this.parameters = parameters == null ? Map.of() : parameters;
        this.sourceUrl = sourceUrl;
        this.imageKeys = new String[0];
        this.response = Map.of();
        this.createdAt = now;
        this.updatedAt = now;
        this.deadline = deadline;
    }

    /** QUEUED to PROCESSING; false if the job is past that already. */
    public boolean start(Instant now) {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.PROCESSING;
        workStartedAt = now;
        updatedAt = now;
        return true;
    }

    /** The provider's progress of a job being worked on; false if the job is not (or no longer) PROCESSING there. */
    public boolean progress(Map<String, Object> reported, Instant now) {
        if (status != JobStatus.PROCESSING || awaitingOwner != null || reported.equals(progress)) {
            return false;
        }
        progress = reported;
        updatedAt = now;
        return true;
    }

    /** The progress while the provider works on the job; null before, after, and for providers that give none. */
    public Map<String, Object> getProgress() {
        return status == JobStatus.PROCESSING && awaitingOwner == null ? progress : null;
    }

    /** Records the result; false (and nothing changes) if the job had already finished. */
    public boolean complete(List<String> keys, Map<String, Object> result, Instant now) {
        if (status.terminal()) {
            return false;
        }
        status = JobStatus.COMPLETED;
        keepResult(keys, result);
        awaitingOwner = null;
        workEnded(now);
        updatedAt = now;
        return true;
    }

    /**
     * Keeps the result while {@code owner} applies it; the job stays PROCESSING until
     * {@link #completeApplied}. False (and nothing changes) if the job finished or already has a result.
     */
    public boolean holdResult(List<String> keys, Map<String, Object> result, String owner, Instant now) {
        if (status.terminal() || awaitingOwner != null) {
            return false;
        }
        status = JobStatus.PROCESSING;
        keepResult(keys, result);
        awaitingOwner = owner;
        workEnded(now);
        updatedAt = now;
        return true;
    }

    /** COMPLETED with the held result once its owner applied it; false for any other job or owner. */
    public boolean completeApplied(String owner, Instant now) {
        if (status.terminal() || awaitingOwner == null || !awaitingOwner.equals(owner)) {
            return false;
        }
        return complete(heldImageKeys(), response, now);
    }

    /** The worker's outcome arrived (a held result completes later: its work ended then). */
    private void workEnded(Instant now) {
        if (workStartedAt != null && workEndedAt == null) {
            workEndedAt = now;
        }
    }

    private void keepResult(List<String> keys, Map<String, Object> result) {
        imageKeys = keys == null ? new String[0] : keys.toArray(String[]::new);
        response = result == null ? Map.of() : result;
    }

    public Instant getWorkStartedAt() {
        return workStartedAt;
    }

    public Instant getWorkEndedAt() {
        return workEndedAt;
    }

    /** Whether the job has its result and waits only for the owner to apply it. */
    public boolean awaitsOwner() {
        return awaitingOwner != null;
    }

    /**
     * CANCELLED by its client; false (and nothing changes) if it is final already, or its result is
     * done and only waits for its owner to apply it (then it is as good as finished).
     */
    public boolean cancel(Instant now) {
        if (status.terminal() || awaitingOwner != null) {
            return false;
        }
        status = JobStatus.CANCELLED;
        error = new JobError("cancelled", "Cancelled by the client");
        workEnded(now);
        updatedAt = now;
        return true;
    }

    /** Records the failure; false (and nothing changes) if the job had already finished. */
    public boolean fail(JobError reason, Instant now) {
        if (status.terminal()) {
            return false;
        }
        status = JobStatus.FAILED;
        error = reason;
        awaitingOwner = null;
        workEnded(now);
        updatedAt = now;
        return true;
    }

    public String getId() {
        return id;
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public String getUserId() {
        return userId;
    }

    public JobKind getKind() {
        return kind;
    }

    public JobStatus getStatus() {
        return status;
    }

    public String getModel() {
        return model;
    }

    public String getPrompt() {
        return prompt;
    }

    public Map<String, Object> getParameters() {
        return parameters;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    /** The results, once COMPLETED; none before, also while a held result waits for its owner. */
    public List<String> getImageKeys() {
        return status == JobStatus.COMPLETED ? List.of(imageKeys) : List.of();
    }

    /** The results as stored, also while they wait for their owner. */
    public List<String> heldImageKeys() {
        return List.of(imageKeys);
    }

    public JobError getError() {
        return error;
    }

    /** The provider's details, once COMPLETED. */
    public Map<String, Object> getResponse() {
        return status == JobStatus.COMPLETED ? response : Map.of();
    }

    public Instant getDeadline() {
        return deadline;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Job other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
