package ai.vtry.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ai.vtry.client.model.Job;

/**
 * Shows a job's state while waiting for it, on stderr: on a terminal a spinner with the state and the time
 * elapsed, redrawn in place; otherwise (a pipe, a log) one plain line per new state.
 */
final class Progress implements AutoCloseable {

    private static final char[] SPINNER = {'|', '/', '-', '\\'};

    private final PrintStream err;
    private final String jobId;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private volatile String state = "waiting";
    private int frame;

    Progress(PrintStream err, boolean terminal, String jobId) {
        this.err = err;
        this.jobId = jobId;
        if (terminal) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "vtry-spinner");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::draw, 0, 100, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** A new state of the job. */
    void update(Job job) {
        state = job.status().name();
        if (ticker == null) {
            err.println(jobId + " " + state + " " + elapsed());
        }
    }

    private synchronized void draw() {
        err.print("\r" + SPINNER[frame++ % SPINNER.length] + " " + jobId + " " + state + " " + elapsed() + "   ");
        err.flush();
    }

    private String elapsed() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return String.format("%d.%ds", elapsed.toSeconds(), elapsed.toMillisPart() / 100);
    }

    /** Stops the spinner and clears its line. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            synchronized (this) {
                err.print("\r" + " ".repeat(jobId.length() + 40) + "\r");
                err.flush();
            }
        }
    }
}
