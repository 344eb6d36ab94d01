package ai.vtry.generation.worker;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.Submission;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A client's cancel, heard by one instance on job-completed. The job is remembered as cancelled, so
 * whichever instance runs it drops it before its next provider call, poll or store; a request
 * already at the provider is cancelled there (its handle is in the ledger) and the instance
 * following it is woken to stop polling; a result stored just before the cancel is deleted.
 * Every step may run twice (a redelivered event) without harm.
 */
@ApplicationScoped
public class Cancellations {

    private final TaskLedger ledger;
    private final ImageProvider provider;
    private final ProviderCallbacks callbacks;
    private final ObjectStorage storage;
    private final Vertx vertx;

    public Cancellations(TaskLedger ledger, ImageProvider provider, ProviderCallbacks callbacks, ObjectStorage storage,
            Vertx vertx) {
        this.ledger = ledger;
        this.provider = provider;
        this.callbacks = callbacks;
        this.storage = storage;
        this.vertx = vertx;
    }

    public Uni<Void> apply(JobCompleted cancelled) {
        return ledger.cancelled(cancelled.jobId())
                .chain(() -> ledger.submitted(cancelled.jobId()))
                .chain(this::cancelAtProvider)
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    storage.delete(ResultKeys.everyPossible(cancelled.kind(), cancelled.workspaceId(), cancelled.jobId()));
                    return (Void) null;
                })));
    }

    /** Best effort: the provider may have finished already, and its late result is dropped anyway. */
    private Uni<Void> cancelAtProvider(Submission submission) {
        if (submission == null || !submission.provider().equals(provider.name())) {
            return Uni.createFrom().voidItem();
        }
        return provider.cancel(submission)
                .onFailure().invoke(e -> Log.warnf("Cancelling a %s request failed: %s", provider.name(), e.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> provider.callbackId(submission)
                        .map(id -> callbacks.wake(provider.name(), id)
                                // Only a hint: the follower's next poll finds the cancel in the ledger anyway.
                                .onFailure().invoke(e -> Log.warnf("Waking the follower of a cancelled job failed: %s", e.toString()))
                                .onFailure().recoverWithNull())
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }
}
