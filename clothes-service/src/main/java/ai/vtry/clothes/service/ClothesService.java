package ai.vtry.clothes.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import ai.vtry.clothes.entity.Cloth;
import ai.vtry.clothes.repository.ClothRepository;
import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.id.Ids;
import ai.vtry.common.outbox.ProcessedEvents;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.jobclient.Jobs;
import ai.vtry.jobclient.NewJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The clothes library. Adding a garment is a job: the checked image is stored, job-service gets
 * the job (a direct upload completes at once, an extraction goes to a worker), and the cloth row is
 * made when job-completed says so. Deleting removes the row, then the object.
 */
@ApplicationScoped
public class ClothesService {

    /** One page of a workspace's clothes and how many there are in all. */
    public record ClothPage(List<Cloth> clothes, long total) {
    }

    private final ClothRepository clothes;
    private final ObjectStorage storage;
    private final ProcessedEvents processedEvents;
    private final Jobs jobs;
    private final ClothIntake intake;
    private final Vertx vertx;

    public ClothesService(ClothRepository clothes, ObjectStorage storage, ProcessedEvents processedEvents, Jobs jobs,
            ClothIntake intake, Vertx vertx) {
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
            job = ClothJobs.clothesUpload(key, request.sourceUrl());
        } else {
            key = prefix + "inputs/" + name;
            job = ClothJobs.clothesExtract(request.model().name(), request.resolution(), ExtractPrompt.of(request.prompt()),
                    request.prompt(), key, request.sourceUrl());
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
                .call(clothes::delete)
                .call(clothes::flush)
                .call(cloth -> blocking(() -> storage.delete(cloth.getImageKey())));
    }

    /** Whether a finished job of this kind is (or may become) a cloth of the library. */
    public static boolean addsCloth(JobCompleted event) {
        return switch (event.kind()) {
            case CLOTHES_UPLOAD, CLOTHES_EXTRACT -> true;
            case EDIT -> event.parameters() != null && Boolean.TRUE.equals(event.parameters().get("saveAsClothes"));
            default -> false;
        };
    }

    /**
     * Makes the cloth of a finished clothes job, once: per event (processed_events) and per job
     * (a unique job id). A direct upload's result already is the cloth's object; an extraction's or a
     * saved edit's result is generation-service's, so it is copied into the library. A finished
     * extraction's input is removed either way.
     */
    @WithTransaction
    public Uni<Void> recordFinishedJob(JobCompleted event) {
        return processedEvents.firstDelivery(event.eventId()).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> work = event.status() == JobStatus.COMPLETED
                    ? clothes.findByJob(event.jobId()).chain(existing -> existing == null ? create(event) : Uni.createFrom().voidItem())
                    : Uni.createFrom().voidItem();
            return work.chain(() -> removeInput(event));
        });
    }

    private Uni<Void> create(JobCompleted event) {
        String workspace = event.workspaceId();
        String result = event.imageKey();
        String prefix = workspace == null ? null : Cloth.storagePrefix(workspace);
        if (result == null || prefix == null) {
            Log.warnf("Job %s completed without an image or workspace; no cloth made", event.jobId());
            return Uni.createFrom().voidItem();
        }
        Instant createdAt = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        String sourceUrl = parameter(event, "sourceUrl");
        if (event.kind() == JobKind.CLOTHES_UPLOAD) {
            if (!result.startsWith(prefix) || result.startsWith(prefix + "inputs/")) {
                Log.warnf("Job %s names an object outside its workspace's clothes; no cloth made", event.jobId());
                return Uni.createFrom().voidItem();
            }
            return persist(new Cloth(Ids.newId("cl"), workspace, result, sourceUrl, event.jobId(), createdAt));
        }
        // An extraction or a saved edit: the cloth gets its own copy, so it outlives the job's object.
        // The same job always gets the same key, so a retried copy overwrites instead of piling up objects.
        String key = prefix + UUID.nameUUIDFromBytes(event.jobId().getBytes(StandardCharsets.UTF_8)) + extension(result);
        return blocking(() -> storage.copy(result, key))
                .chain(() -> persist(new Cloth(Ids.newId("cl"), workspace, key, sourceUrl, event.jobId(), createdAt))
                        .onFailure().call(() -> blocking(() -> removeQuietly(key))));
    }

    private Uni<Void> persist(Cloth cloth) {
        return clothes.persist(cloth).chain(clothes::flush);
    }

    /** An extraction's input is not needed once its job is over (never touches anything outside inputs/). */
    private Uni<Void> removeInput(JobCompleted event) {
        String input = parameter(event, "inputKey");
        if (event.kind() != JobKind.CLOTHES_EXTRACT || input == null || event.workspaceId() == null
                || !input.startsWith(Cloth.storagePrefix(event.workspaceId()) + "inputs/")) {
            return Uni.createFrom().voidItem();
        }
        return blocking(() -> removeQuietly(input));
    }

    private static String parameter(JobCompleted event, String name) {
        Object value = event.parameters() == null ? null : event.parameters().get(name);
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
