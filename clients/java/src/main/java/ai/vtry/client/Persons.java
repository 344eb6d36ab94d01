package ai.vtry.client;

import static ai.vtry.client.Transport.segment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.AddImagesRequest;
import ai.vtry.client.model.ComposeQueued;
import ai.vtry.client.model.CreatePersonRequest;
import ai.vtry.client.model.Model;
import ai.vtry.client.model.Person;
import ai.vtry.client.model.PersonDeleted;
import ai.vtry.client.model.PersonImageDeleted;
import ai.vtry.client.model.PersonImages;
import ai.vtry.client.model.PersonRenamed;
import ai.vtry.client.model.PersonUpload;

/**
 * People: named sets of one to three reference photos, and their 1x3 composite that every try-on starts
 * from ({@code /api/v1/persons}).
 */
public final class Persons {

    private final Transport transport;

    Persons(Transport transport) {
        this.transport = transport;
    }

    /** The workspace's people, newest first. */
    public List<Person> list() {
        return transport.get("/persons", Map.of(), PersonList.class).persons();
    }

    /** Creates a person with its first reference images (uploads are streamed). */
    public PersonUpload create(CreatePersonRequest request) {
        Multipart body = new Multipart().field("name", request.name());
        request.files().forEach(file -> body.file("files", file));
        body.field("imageUrl", request.imageUrl()).field("sourcePageUrl", request.sourcePageUrl());
        return transport.postMultipart("/persons", body, request.idempotencyKey(), PersonUpload.class);
    }

    /** Renames a person; its reference images move under the new name (their keys and links change). */
    public PersonRenamed rename(String personId, String name) {
        return transport.patch("/persons/" + segment(personId), Map.of("name", name), PersonRenamed.class);
    }

    /** Deletes a person and all of its reference images. */
    public PersonDeleted delete(String personId) {
        return transport.delete("/persons/" + segment(personId), null, PersonDeleted.class);
    }

    /** The person's reference images in upload order. */
    public PersonImages images(String personId) {
        return transport.get("/persons/" + segment(personId) + "/images", Map.of(), PersonImages.class);
    }

    /** Adds reference images to a person, up to three in all; its next compose uses them. */
    public PersonUpload addImages(String personId, AddImagesRequest request) {
        Multipart body = new Multipart();
        request.files().forEach(file -> body.file("files", file));
        body.field("imageUrl", request.imageUrl()).field("sourcePageUrl", request.sourcePageUrl());
        return transport.postMultipart("/persons/" + segment(personId) + "/images", body, request.idempotencyKey(),
                PersonUpload.class);
    }

    /** Deletes one reference image, named by its storage key ({@link PersonImages.ReferenceImage#key()}). */
    public PersonImageDeleted deleteImage(String personId, String key) {
        return transport.delete("/persons/" + segment(personId) + "/images", Map.of("key", key),
                PersonImageDeleted.class);
    }

    /**
     * Queues the person's 1x3 composite; once its job is {@code COMPLETED} it is the person's cover and
     * generations can use the person.
     */
    public ComposeQueued compose(String personId, Model model) {
        return transport.post("/persons/" + segment(personId) + "/compose", Map.of("model", model), null,
                ComposeQueued.class);
    }

    /** {@link #compose(String, Model)} with the job's own deadline, 1 to 600 s (past it the job fails with {@code timeout}). */
    public ComposeQueued compose(String personId, Model model, int timeoutSeconds) {
        return transport.post("/persons/" + segment(personId) + "/compose",
                Map.of("model", model, "timeoutSeconds", timeoutSeconds), null, ComposeQueued.class);
    }

    /** {@link #list()}, asynchronously. */
    public CompletableFuture<List<Person>> listAsync() {
        return transport.async(this::list);
    }

    /** {@link #create(CreatePersonRequest)}, asynchronously. */
    public CompletableFuture<PersonUpload> createAsync(CreatePersonRequest request) {
        return transport.async(() -> create(request));
    }

    /** {@link #rename(String, String)}, asynchronously. */
    public CompletableFuture<PersonRenamed> renameAsync(String personId, String name) {
        return transport.async(() -> rename(personId, name));
    }

    /** {@link #delete(String)}, asynchronously. */
    public CompletableFuture<PersonDeleted> deleteAsync(String personId) {
        return transport.async(() -> delete(personId));
    }

    /** {@link #images(String)}, asynchronously. */
    public CompletableFuture<PersonImages> imagesAsync(String personId) {
        return transport.async(() -> images(personId));
    }

    /** {@link #addImages(String, AddImagesRequest)}, asynchronously. */
    public CompletableFuture<PersonUpload> addImagesAsync(String personId, AddImagesRequest request) {
        return transport.async(() -> addImages(personId, request));
    }

    /** {@link #deleteImage(String, String)}, asynchronously. */
    public CompletableFuture<PersonImageDeleted> deleteImageAsync(String personId, String key) {
        return transport.async(() -> deleteImage(personId, key));
    }

    /** {@link #compose(String, Model)}, asynchronously. */
    public CompletableFuture<ComposeQueued> composeAsync(String personId, Model model) {
        return transport.async(() -> compose(personId, model));
    }

    private record PersonList(List<Person> persons) {
    }
}
