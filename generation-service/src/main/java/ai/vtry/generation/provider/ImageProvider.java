package ai.vtry.generation.provider;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * An image provider behind one interface: the offline {@code local} compositor, or a remote model
 * API. Remote providers queue work, so the contract is submit, then poll until an outcome; providers
 * that answer at once return a submission that already holds its outcome.
 */
public interface ImageProvider {

    /** The name operators select with VTRY_PROVIDER. */
    String name();

    /** Starts the task. The returned submission must be kept until the outcome is known. */
    Uni<Submission> submit(ImageTask task);

    /** Asks how a submitted task is doing. */
    Uni<Outcome> poll(Submission submission);

    /** Best-effort cancellation, e.g. when the job's deadline passed. */
    Uni<Void> cancel(Submission submission);

    /** Whether this provider calls back when a submission ends (then {@link #callbackId} names it). */
    default boolean callsBack() {
        return false;
    }

    /**
     * The id the provider's callback will name this submission by, when the provider calls back
     * (fal's webhooks): the worker then polls only as a safety net, and at once when the callback
     * arrives. Empty when the provider is only polled.
     */
    default Optional<String> callbackId(Submission submission) {
        return Optional.empty();
    }
}
