package ai.vtry.client.model;

import java.util.List;

/**
 * How a job ended: {@link Completed} with its images, {@link Failed} with an error code, or
 * {@link Cancelled}.
 */
public sealed interface JobOutcome permits JobOutcome.Completed, JobOutcome.Failed, JobOutcome.Cancelled {

    /** The job in its final state. */
    Job job();

    /**
     * The outcome of a final job.
     *
     * @throws IllegalArgumentException if the job is still {@code QUEUED} or {@code PROCESSING}
     */
    static JobOutcome of(Job job) {
        return switch (job.status()) {
            case COMPLETED -> new Completed(job);
            case FAILED -> new Failed(job);
            case CANCELLED -> new Cancelled(job);
            case QUEUED, PROCESSING ->
                throw new IllegalArgumentException("Job " + job.id() + " is not final: " + job.status());
        };
    }

    /** The job is done: its images are stored and its effects visible. */
    record Completed(Job job) implements JobOutcome {

        /** Every result image, the first being the job's {@code imageUrl}. */
        public List<Job.Image> images() {
            return job.images();
        }
    }

    /** The job was given up; {@link #error()} says why. */
    record Failed(Job job) implements JobOutcome {

        /** The failure, e.g. code {@code timeout} or {@code contentBlocked}. */
        public JobError error() {
            return job.error();
        }
    }

    /** The job was cancelled ({@code POST /api/v1/jobs/{id}/cancel}). */
    record Cancelled(Job job) implements JobOutcome {
    }
}
