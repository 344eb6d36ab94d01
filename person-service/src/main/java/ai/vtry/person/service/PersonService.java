package ai.vtry.person.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobResult;
import ai.vtry.common.event.Topics;
import ai.vtry.common.id.Ids;
import ai.vtry.common.outbox.Outbox;
import ai.vtry.common.outbox.ProcessedEvents;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.jobclient.Jobs;
import ai.vtry.jobapi.JobWebhook;
import ai.vtry.jobapi.NewJob;
import ai.vtry.person.entity.Person;
import ai.vtry.person.entity.PersonImage;
import ai.vtry.person.repository.PersonImageRepository;
import ai.vtry.person.repository.PersonRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Persons and their reference images. Rows and objects change together: rows are flushed first
 * (a taken name fails there, before any upload), then the store is changed, and any failure rolls
 * the rows back and removes the objects already written. Inputs arrive validated and sniffed.
 */
@ApplicationScoped
public class PersonService {

    /** A person, the images just stored and how many more it may take. */
    public record Upload(Person person, List<PersonImage> added, int remaining) {
    }

    public record Renamed(Person person, int moved) {
    }

    public record Deleted(Person person, int deleted) {
    }

    public record Images(Person person, List<PersonImage> images) {
    }

    public record DeletedImage(Person person, String key) {
    }

    private final PersonRepository persons;
    private final PersonImageRepository images;
    private final ObjectStorage storage;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Jobs jobs;
    private final Vertx vertx;

    public PersonService(PersonRepository persons, PersonImageRepository images, ObjectStorage storage,
            ProcessedEvents processedEvents, Outbox outbox, Jobs jobs, Vertx vertx) {
        this.persons = persons;
        this.images = images;
        this.storage = storage;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.jobs = jobs;
        this.vertx = vertx;
    }

    public Uni<List<Person>> list(Caller caller) {
        return persons.listNewestFirst(caller.workspaceId());
    }

    @WithTransaction
    public Uni<Upload> create(Caller caller, String name, List<ImageInput> inputs) {
        Instant now = Instant.now();
        Person person = new Person(Ids.newId("pr"), caller.workspaceId(), name, now);
        List<PersonImage> rows = newRows(person, inputs, 0, now);
        return persons.persist(person)
                .chain(() -> images.persist(rows))
                .chain(images::flush)
                .onFailure(UniqueViolation::is).transform(e -> personExists(name))
                .chain(() -> upload(rows, inputs))
                .replaceWith(() -> new Upload(person, rows, Person.MAX_IMAGES - rows.size()));
    }

    /** Adds images up to the limit; the person row is locked so concurrent uploads cannot overshoot it. */
    @WithTransaction
    public Uni<Upload> addImages(Caller caller, String personId, List<ImageInput> inputs, String field) {
        return owned(persons.lockInWorkspace(personId, caller.workspaceId()), personId)
                .chain(person -> images.listFor(personId).chain(existing -> {
                    int remaining = Person.MAX_IMAGES - existing.size();
                    if (inputs.size() > remaining) {
                        throw ApiException.validation(field, "A person has at most " + Person.MAX_IMAGES
                                + " reference images; " + remaining + " more can be added, got " + inputs.size());
                    }
                    int next = existing.stream().mapToInt(PersonImage::getPosition).max().orElse(-1) + 1;
                    List<PersonImage> rows = newRows(person, inputs, next, Instant.now());
                    return images.persist(rows)
                            .chain(images::flush)
                            .chain(() -> upload(rows, inputs))
                            .replaceWith(() -> new Upload(person, rows, remaining - rows.size()));
                }));
    }

    /**
     * Renames a person and moves its objects under the new prefix: copies first, then the rows, and
     * the old objects go last (after the flush, just before the commit), so a failure on the way
     * never leaves a row without its object.
     */
    @WithTransaction
    public Uni<Renamed> rename(Caller caller, String personId, String newName) {
        return owned(persons.lockInWorkspace(personId, caller.workspaceId()), personId).chain(person -> {
            if (person.getName().equals(newName)) {
                return Uni.createFrom().item(new Renamed(person, 0));
            }
            return images.listFor(personId).chain(existing -> {
                String prefix = Person.storagePrefix(person.getWorkspaceId(), newName);
                Map<String, String> moves = new LinkedHashMap<>();
                for (PersonImage image : existing) {
                    String key = image.getObjectKey();
                    moves.put(key, prefix + key.substring(key.lastIndexOf('/') + 1));
                }
                person.rename(newName, Instant.now());
                return persons.flush()
                        .onFailure(UniqueViolation::is).transform(e -> personExists(newName))
                        .chain(() -> copy(moves))
                        .chain(() -> rekey(moves).chain(persons::flush)
                                .onFailure().call(() -> blocking(() -> removeQuietly(moves.values()))))
                        .chain(() -> blocking(() -> removeQuietly(moves.keySet())))
                        .replaceWith(() -> new Renamed(person, moves.size()));
            });
        });
    }

    /** Deletes a person's rows, then its reference objects; if the store fails the rows stay. */
    @WithTransaction
    public Uni<Deleted> delete(Caller caller, String personId) {
        return owned(persons.lockInWorkspace(personId, caller.workspaceId()), personId)
                .chain(person -> images.listFor(personId).chain(existing -> {
                    List<String> keys = existing.stream().map(PersonImage::getObjectKey).toList();
                    // Deletes by query, not by entity: an entity delete under concurrent requests can finish on
                    // another event loop than its session's (HR000069, quarkusio/quarkus#41945).
                    return images.deleteFor(personId)
                            .chain(() -> persons.delete("id", person.getId()))
                            .chain(() -> blocking(() -> storage.delete(keys)))
                            .replaceWith(() -> new Deleted(person, keys.size()));
                }));
    }

    public Uni<Images> images(Caller caller, String personId) {
        return owned(persons.findInWorkspace(personId, caller.workspaceId()), personId)
                .chain(person -> images.listFor(personId).map(list -> new Images(person, list)));
    }

    @WithTransaction
    public Uni<DeletedImage> deleteImage(Caller caller, String personId, String key) {
        return owned(persons.lockInWorkspace(personId, caller.workspaceId()), personId)
                .chain(person -> images.findFor(personId, key)
                        .onItem().ifNull().failWith(() -> new ApiException(404, "notFound",
                                "Person " + personId + " has no image with this key", Map.of("key", key)))
                        .chain(image -> images.delete("objectKey", image.getObjectKey())) // by query: see delete()
                        .chain(() -> blocking(() -> storage.delete(key)))
                        .replaceWith(() -> new DeletedImage(person, key)));
    }

    /**
     * Queues a compose job in job-service and returns its id. Reads happen outside any transaction:
     * no connection is held while job-service answers.
     */
    public Uni<String> compose(Caller caller, String personId, PersonModel model, Integer timeoutSeconds,
            String webhookUrl) {
        return owned(persons.findInWorkspace(personId, caller.workspaceId()), personId)
                .chain(person -> images.listFor(personId))
                .chain(references -> {
                    if (references.isEmpty()) {
                        throw ApiException.badRequest("noReferenceImages",
                                "Upload at least one reference image before composing the person");
                    }
                    if (model.paidOnly() && !caller.paidPlan()) {
                        throw ApiException.forbidden("planRequired", model.name() + " requires a paid plan");
                    }
                    List<String> keys = references.stream().map(PersonImage::getObjectKey).toList();
                    return jobs.create(composeJob(model.name(), personId, keys, timeoutSeconds, webhookUrl));
                });
    }

    /**
     * Gives the person the composite of its compose job, once per event, and answers job-service in
     * the same transaction, so the job reads COMPLETED only once the cover shows. A person deleted
     * meanwhile, or never of that workspace, is left alone, and the job completes all the same.
     */
    @WithTransaction
    public Uni<Void> applyComposite(JobResult result) {
        Object personId = result.parameters() == null ? null : result.parameters().get("personId");
        String key = result.imageKey();
        return processedEvents.firstDelivery(result.eventId()).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> apply = !(personId instanceof String id) || key == null
                    ? Uni.createFrom().voidItem()
                    : persons.findInWorkspace(id, result.workspaceId()).invoke(person -> {
                        if (person == null) {
                            Log.infof("Composite of job %s ignored: person %s is gone", result.jobId(), id);
                        } else {
                            person.useComposite(key, Instant.now());
                        }
                    }).replaceWithVoid();
            return apply.chain(() -> outbox.append(Topics.JOB_RESULTS_APPLIED, result.jobId(), result.applied(Instant.now())));
        });
    }

    private static Uni<Person> owned(Uni<Person> lookup, String personId) {
        return lookup.onItem().ifNull().failWith(() -> ApiException.notFound("Person", personId));
    }

    private static List<PersonImage> newRows(Person person, List<ImageInput> inputs, int firstPosition, Instant now) {
        List<PersonImage> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ImageInput input = inputs.get(i);
            String key = person.storagePrefix() + UUID.randomUUID() + "." + input.format().extension();
            rows.add(new PersonImage(key, person.getId(), input.fileName(), input.contentType(), input.size(),
                    firstPosition + i, now));
        }
        return rows;
    }

    /** Stores each input under its row's key; on failure removes what was stored and fails. */
    private Uni<Void> upload(List<PersonImage> rows, List<ImageInput> inputs) {
        return blocking(() -> {
            List<String> stored = new ArrayList<>();
            try {
                for (int i = 0; i < rows.size(); i++) {
                    storage.put(rows.get(i).getObjectKey(), inputs.get(i).file(), inputs.get(i).contentType());
                    stored.add(rows.get(i).getObjectKey());
                }
            } catch (RuntimeException e) {
                removeQuietly(stored);
                throw e;
            }
        });
    }

    /** Copies every object to its new key; on failure removes the copies made and fails. */
    private Uni<Void> copy(Map<String, String> moves) {
        return blocking(() -> {
            List<String> copied = new ArrayList<>();
            try {
                for (Map.Entry<String, String> move : moves.entrySet()) {
                    storage.copy(move.getKey(), move.getValue());
                    copied.add(move.getValue());
                }
            } catch (RuntimeException e) {
                removeQuietly(copied);
                throw e;
            }
        });
    }

    private Uni<Void> rekey(Map<String, String> moves) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> move : moves.entrySet()) {
            chain = chain.chain(() -> images.rekey(move.getKey(), move.getValue())).replaceWithVoid();
        }
        return chain;
    }

    /** Cleanup after the real outcome is decided: a failure leaves orphans, logged, not a failed request. */
    private void removeQuietly(Collection<String> keys) {
        try {
            storage.delete(List.copyOf(keys));
        } catch (SdkException e) {
            Log.warnf("Could not remove %d stored object(s): %s", keys.size(), e.getMessage());
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

    private static ApiException personExists(String name) {
        return new ApiException(409, "personExists", "A person named " + name + " already exists in this workspace",
                Map.of("name", name));
    }

    /** A compose job: the reference images in position order, the person named in the parameters. */
    private static NewJob composeJob(String model, String personId, List<String> imageKeys, Integer timeoutSeconds,
            String webhookUrl) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model", model);
        parameters.put("personId", personId);
        if (webhookUrl != null) {
            parameters.put(JobWebhook.FIELD, webhookUrl);
        }
        return new NewJob(JobKind.PERSON_COMPOSE, model, ComposePrompt.TEXT, parameters, Map.of(), imageKeys, null,
                timeoutSeconds);
    }
}
