package ai.vtry.clothes.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import ai.vtry.clothes.entity.Cloth;
import ai.vtry.clothes.repository.ClothRepository;
import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobResult;
import ai.vtry.common.event.Topics;
import ai.vtry.common.id.Ids;
import ai.vtry.common.outbox.Outbox;
import ai.vtry.common.outbox.ProcessedEvents;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.jobclient.Jobs;
import ai.vtry.jobapi.NewJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The clothes library. Adding a garment is a job: the checked image is stored, job-service gets
 * the job (a direct upload has its result at once, an extraction goes to a worker), and the cloth row
 * is made when job-results brings the result, before the job completes. Deleting removes the row, then the object.
 */
@ApplicationScoped
public class ClothesService {

    /** One page of a workspace's clothes and how many there are in all. */
    public record ClothPage(List<Cloth> clothes, long total) {
    }

    private final ClothRepository clothes;
    private final ObjectStorage storage;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Jobs jobs;
    private final ClothIntake intake;
    private final Vertx vertx;

    public ClothesService(ClothRepository clothes, ObjectStorage storage, ProcessedEvents processedEvents, Outbox outbox,
            Jobs jobs, ClothIntake intake, Vertx vertx) {
        this.outbox = outbox;
        this.clothes = clothes;
        this.intake = intake;
        this.storage = storage;
        this.processedEvents = processedEvents;
        this.jobs = jobs;
        this.vertx = vertx;
    }

    public Uni<ClothPage> list(Caller caller, int page, int pageSize) {
        return clothes.count(caller.workspaceId())
                .chain(total -> clothes.page(caller.workspaceId(), page, pageSize).map(list -> new ClothPage(list, total)));
    }

    /**
     * Checks the plan and the image, stores it and queues its job; returns the job id. A direct
     * upload goes straight to its final key, an extraction's input under {@code inputs/}. No row is
     * written here, so no transaction is held while job-service answers; if it cannot take the job
     * the object goes again.
     */
    public Uni<String> submit(Caller caller, ClothRequest request) {
        if (request.model() != null && request.model().paidOnly() && !caller.paidPlan()) {
            throw ApiException.forbidden("planRequired", request.model().name() + " requires a paid plan");
        }
        return intake.prepare(request)
                .chain(input -> store(caller, request, input).eventually(input::discard));
    }

    private Uni<String> store(Caller caller, ClothRequest request, ImageInput input) {
        String prefix = Cloth.storagePrefix(caller.workspaceId());
        String name = UUID.randomUUID() + "." + input.format().extension();
        NewJob job;
        String key;
        if (request.mode() == ClothRequest.Mode.direct) {
            key = prefix + name;
            job = ClothJobs.clothesUpload(key, request);
        } else {
            key = prefix + "inputs/" + name;
            job = ClothJobs.clothesExtract(key, request);
        }
        return blocking(() -> storage.put(key, input.file(), input.contentType()))
                .chain(() -> jobs.create(job)
                        .onFailure().call(() -> blocking(() -> removeQuietly(key))));
    }

    /** Deletes a cloth's row, then its object; if the store fails the row stays. */
    @WithTransaction
    public Uni<Cloth> delete(Caller caller, String clothId) {
        return clothes.findInWorkspace(clothId, caller.workspaceId())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Cloth", clothId))
                // By query, not by entity: an entity delete under concurrent requests can finish on another
                // event loop than its session's (HR000069, quarkusio/quarkus#41945).
                .call(cloth -> clothes.delete("id", cloth.getId()))
                .call(cloth -> blocking(() -> storage.delete(cloth.getImageKey())));
    }

    /**
     * Makes the cloth of a clothes job's result, once: per event (processed_events) and per job (a
     * unique job id), and answers job-service in the same transaction, so the job reads COMPLETED only
     * once the cloth is listed. A direct upload's result already is the cloth's object; an
     * extraction's or a saved edit's result is generation-service's, so it is copied into the library.
     */
    @WithTransaction
    public Uni<Void> applyResult(JobResult result) {
        return processedEvents.firstDelivery(result.eventId()).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : clothes.findByJob(result.jobId())
                        .chain(existing -> existing == null ? create(result) : Uni.createFrom().voidItem())
                        .chain(() -> outbox.append(Topics.JOB_RESULTS_APPLIED, result.jobId(), result.applied(Instant.now()))));
    }

    private Uni<Void> create(JobResult result) {
        String workspace = result.workspaceId();
        String image = result.imageKey();
        String prefix = workspace == null ? null : Cloth.storagePrefix(workspace);
        if (image == null || prefix == null) {
            Log.warnf("Job %s completed without an image or workspace; no cloth made", result.jobId());
            return Uni.createFrom().voidItem();
        }
        Instant createdAt = result.occurredAt() != null ? result.occurredAt() : Instant.now();
        String sourceUrl = parameter(result.parameters(), "sourceUrl");
        if (result.kind() == JobKind.CLOTHES_UPLOAD) {
            if (!image.startsWith(prefix) || image.startsWith(prefix + "inputs/")) {
                Log.warnf("Job %s names an object outside its workspace's clothes; no cloth made", result.jobId());
                return Uni.createFrom().voidItem();
            }
            return persist(new Cloth(Ids.newId("cl"), workspace, image, sourceUrl, result.jobId(), createdAt));
        }
        // An extraction or a saved edit: the cloth gets its own copy, so it outlives the job's object.
        // The same job always gets the same key, so a retried copy overwrites instead of piling up objects.
        String key = prefix + UUID.nameUUIDFromBytes(result.jobId().getBytes(StandardCharsets.UTF_8)) + extension(image);
        return blocking(() -> storage.copy(image, key))
                .chain(() -> persist(new Cloth(Ids.newId("cl"), workspace, key, sourceUrl, result.jobId(), createdAt))
                        .onFailure().call(() -> blocking(() -> removeQuietly(key))));
    }

    private Uni<Void> persist(Cloth cloth) {
        return clothes.persist(cloth).chain(clothes::flush);
    }

    /**
     * An extraction's input is not needed once its job is over, COMPLETED, FAILED or CANCELLED (job-completed);
     * never touches anything outside the workspace's {@code inputs/}.
     */
    public Uni<Void> removeInput(JobCompleted event) {
        String input = parameter(event.parameters(), "inputKey");
        if (event.kind() != JobKind.CLOTHES_EXTRACT || input == null || event.workspaceId() == null
                || !input.startsWith(Cloth.storagePrefix(event.workspaceId()) + "inputs/")) {
            return Uni.createFrom().voidItem();
        }
        return blocking(() -> removeQuietly(input));
    }

    private static String parameter(Map<String, Object> parameters, String name) {
        Object value = parameters == null ? null : parameters.get(name);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static String extension(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash ? key.substring(dot) : "";
    }

    /** Cleanup after the real outcome is decided: a failure leaves an orphan, logged, not a failed request. */
    private void removeQuietly(String key) {
        try {
            storage.delete(key);
        } catch (SdkException e) {
            Log.warnf("Could not remove a stored object: %s", e.getMessage());
        }
    }

    /** Runs blocking storage work on a worker and resumes on the caller's context (Hibernate Reactive's). */
    private Uni<Void> blocking(Runnable work) {
        Supplier<Void> supplier = () -> {
            work.run();
            return null;
        };
        return vertx.executeBlocking(Uni.createFrom().item(supplier));
    }
}
