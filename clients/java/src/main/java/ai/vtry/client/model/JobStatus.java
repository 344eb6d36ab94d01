package ai.vtry.client.model;

/** Where a job is: it only moves forward, and never changes once final. */
public enum JobStatus {
    QUEUED,
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** Whether the job has ended: {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
