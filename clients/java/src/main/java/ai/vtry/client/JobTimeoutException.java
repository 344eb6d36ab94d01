package ai.vtry.client;

import java.time.Duration;

import ai.vtry.client.model.Job;

/** A job was not final when the wait for it ran out; it may still end later. */
public class JobTimeoutException extends VtryException {

    private final transient Job lastSeen;

    public JobTimeoutException(String jobId, Duration timeout, Job lastSeen) {
        super("Job " + jobId + " is not final after " + timeout.toSeconds() + " s"
                + (lastSeen == null ? "" : " (still " + lastSeen.status() + ")"));
        this.lastSeen = lastSeen;
    }

    /** The job as last seen, or null if it was never read. */
    public Job lastSeen() {
        return lastSeen;
    }
}
