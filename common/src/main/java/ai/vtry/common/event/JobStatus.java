package ai.vtry.common.event;

/** A job's life: QUEUED, then PROCESSING, then COMPLETED or FAILED, never back. */
public enum JobStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
