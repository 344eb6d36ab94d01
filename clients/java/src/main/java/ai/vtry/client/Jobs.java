package ai.vtry.client;

import static ai.vtry.client.Transport.segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import ai.vtry.client.model.Job;
import ai.vtry.client.model.JobEvent;
import ai.vtry.client.model.JobOutcome;

/**
 * Jobs: the image work behind compose, clothes, generations and edits ({@code /api/v1/jobs}). Follow one
 * with {@link #waitFor(String, Duration, Consumer)}, which listens to its Server-Sent Events and falls
 * back to long polling.
 */
public final class Jobs {

    /** How long {@code waitFor} waits unless told otherwise: longer than the API's 10-minute job deadline. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    /** The longest single long poll when the event stream is not available. */
    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    private final Transport transport;

    Jobs(Transport transport) {
        this.transport = transport;
    }

    /** The job as it is now. */
    public Job get(String id) {
        return transport.get(path(id), Map.of(), Job.class);
    }

    /**
     * Long polling: the job as soon as it is final, or after {@code wait} with the job as it is then.
     *
     * @param wait whole seconds from 0 to 60
     */
    public Job get(String id, Duration wait) {
        long seconds = wait.toSeconds();
        if (seconds < 0 || seconds > 60) {
            throw new IllegalArgumentException("wait must be 0 to 60 s, not " + wait);
        }
        return transport.get(path(id), Map.of("wait", seconds), Duration.ofSeconds(seconds), Job.class);
    }

    /**
     * Cancels a job that is not final; the answer is the job, {@code CANCELLED}.
     *
     * @throws ConflictException {@code jobFinished}: the job is final already, or its result is being applied
     */
    public Job cancel(String id) {
        return transport.post(path(id) + "/cancel", null, null, Job.class);
    }

    /** Hands each state of the job to the listener, from its state now until the final one. */
    public void events(String id, Consumer<JobEvent> listener) {
        events(id, null, listener);
    }

    /**
     * Hands each state of the job to the listener until the final one.
     *
     * @param lastEventId the id of the last event already seen (only newer states come), or null
     * @throws ConnectionException if the stream broke off before the final state
     */
    public void events(String id, String lastEventId, Consumer<JobEvent> listener) {
        HttpResponse<InputStream> response = transport.events(path(id) + "/events", lastEventId);
        try (InputStream body = response.body()) {
            ServerSentEvents.read(body, event -> listener.accept(new JobEvent(event.id(), event.name(), job(event))));
        } catch (IOException e) {
            throw new ConnectionException("The events of job " + id + " broke off", e);
        }
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until the job is final. */
    public JobOutcome waitFor(String id) {
        return waitFor(id, DEFAULT_TIMEOUT, job -> {
        });
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until the job is final, handing each new state to {@code progress}. */
    public JobOutcome waitFor(String id, Consumer<Job> progress) {
        return waitFor(id, DEFAULT_TIMEOUT, progress);
    }

    /**
     * Waits until the job is final, handing each new state to {@code progress}: follows the job's events
     * and, should the stream be unavailable or break off, polls it with {@code ?wait=30}.
     *
     * @return how it ended: completed with its images, failed with an error code, or cancelled
     * @throws JobTimeoutException if it is not final within {@code timeout}
     */
    public JobOutcome waitFor(String id, Duration timeout, Consumer<Job> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Job last = follow(id, deadline, progress);
        while (last == null || !last.status().isFinal()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new JobTimeoutException(id, timeout, last);
            }
            long wait = Math.max(1, Math.min(LONG_POLL.toSeconds(), TimeUnit.NANOSECONDS.toSeconds(left)));
            Job job = get(id, Duration.ofSeconds(wait));
            if (!job.equals(last)) {
                progress.accept(job);
            }
            last = job;
        }
        return JobOutcome.of(last);
    }

    /** {@link #get(String)}, asynchronously. */
    public CompletableFuture<Job> getAsync(String id) {
        return transport.async(() -> get(id));
    }

    /** {@link #get(String, Duration)}, asynchronously. */
    public CompletableFuture<Job> getAsync(String id, Duration wait) {
        return transport.async(() -> get(id, wait));
    }

    /** {@link #cancel(String)}, asynchronously. */
    public CompletableFuture<Job> cancelAsync(String id) {
        return transport.async(() -> cancel(id));
    }

    /** {@link #events(String, Consumer)}, asynchronously: completes when the stream ends. */
    public CompletableFuture<Void> eventsAsync(String id, Consumer<JobEvent> listener) {
        return transport.async(() -> {
            events(id, listener);
            return null;
        });
    }

    /** {@link #waitFor(String)}, asynchronously. */
    public CompletableFuture<JobOutcome> waitForAsync(String id) {
        return transport.async(() -> waitFor(id));
    }

    /** {@link #waitFor(String, Duration, Consumer)}, asynchronously. */
    public CompletableFuture<JobOutcome> waitForAsync(String id, Duration timeout, Consumer<Job> progress) {
        return transport.async(() -> waitFor(id, timeout, progress));
    }

    /**
     * Follows the job's events until the final one or the deadline (when the stream is closed under the
     * reader); the last state seen, or null if none came.
     */
    private Job follow(String id, long deadline, Consumer<Job> progress) {
        HttpResponse<InputStream> response = transport.events(path(id) + "/events", null);
        boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        Job[] last = {null};
        try (InputStream body = response.body()) {
            if (stream) {
                CompletableFuture.delayedExecutor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        .execute(() -> closeQuietly(body));
                ServerSentEvents.read(body, event -> {
                    last[0] = job(event);
                    progress.accept(last[0]);
                });
            }
        } catch (IOException e) {
            // the stream broke off (or was closed at the deadline): long polling takes over
        }
        return last[0];
    }

    private Job job(ServerSentEvents.Event event) {
        try {
            return transport.json().readValue(event.data(), Job.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable job in event " + event.name(), e);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // closing only stops the reader; nothing is lost
        }
    }

    private static String path(String id) {
        return "/jobs/" + segment(id);
    }
}
