package ai.vtry.common.event;

/** A job's life: QUEUED, then PROCESSING, then COMPLETED, FAILED or CANCELLED (by its client), never back. */
public enum JobStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
