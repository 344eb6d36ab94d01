package ai.vtry.common.event;

/** Kafka topic names; docs/events.md describes each one and its event. */
public final class Topics {

    /** job-service to generation-service: a compose job to run ({@link JobRequested}). */
    public static final String COMPOSE_REQUESTS = "compose-requests";
    public static final String GENERATION_REQUESTS = "generation-requests";
    public static final String EDIT_REQUESTS = "edit-requests";
    public static final String EXTRACT_REQUESTS = "extract-requests";
    /** generation-service to job-service: progress and results ({@link JobStatusChanged}). */
    public static final String JOB_STATUS = "job-status";
    /** job-service to the service that applies a result before the job completes ({@link JobResult}). */
    public static final String JOB_RESULTS = "job-results";
    /** That service back to job-service: the result is applied ({@link JobResultApplied}). */
    public static final String JOB_RESULTS_APPLIED = "job-results-applied";
    /** job-service to anyone: a job reached COMPLETED, FAILED or CANCELLED ({@link JobCompleted}). */
    public static final String JOB_COMPLETED = "job-completed";

    /** Where a consumer parks a message it cannot process. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
