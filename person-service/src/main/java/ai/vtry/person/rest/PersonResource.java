package ai.vtry.person.rest;

import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.annotation.JsonAlias;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.jobapi.JobTimeout;
import ai.vtry.jobapi.JobWebhook;
import ai.vtry.person.config.PersonsConfig;
import ai.vtry.person.mapping.PersonViews;
import ai.vtry.person.mapping.PersonViews.ImageLink;
import ai.vtry.person.mapping.PersonViews.PersonItem;
import ai.vtry.person.mapping.PersonViews.PersonRef;
import ai.vtry.person.mapping.PersonViews.StoredFile;
import ai.vtry.person.service.ImageInput;
import ai.vtry.person.service.ImageIntake;
import ai.vtry.person.service.ImageRequest;
import ai.vtry.person.service.PersonModel;
import ai.vtry.person.service.PersonService;
import ai.vtry.person.service.Slugs;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/**
 * People: {@code /api/v1/persons}, in the caller's workspace only (another workspace's person is a
 * 404). Uploads (creating a person, adding images) answer 201 Created; compose answers 202 Accepted,
 * since it only queues a job whose result arrives later as the person's {@code coverUrl}.
 */
@Path("/api/v1/persons")
public class PersonResource {

    public record PersonList(List<PersonItem> persons) {
    }

    public record UploadResponse(PersonRef person, List<StoredFile> files, int remaining) {
    }

    public record RenameRequest(@JsonAlias("newName") String name) {
    }

    public record RenameResponse(PersonRef person, int moved) {
    }

    public record DeleteResponse(PersonRef person, int deleted) {
    }

    public record ImageList(PersonRef person, List<ImageLink> images) {
    }

    public record ImageKey(String key) {
    }

    public record DeleteImageResponse(PersonRef person, String deletedKey) {
    }

    public record ComposeRequest(String model, Integer timeoutSeconds, String webhookUrl) {
    }

    public record ComposeResponse(String requestId, String personId) {
    }

    private final PersonService service;
    private final ImageIntake intake;
    private final SignedLinks links;
    private final PersonsConfig config;
    private final JsonWebToken token;

    public PersonResource(PersonService service, ImageIntake intake, SignedLinks links, PersonsConfig config,
            JsonWebToken token) {
        this.service = service;
        this.intake = intake;
        this.links = links;
        this.config = config;
        this.token = token;
    }

    /** The workspace's people, newest first. */
    @GET
    public Uni<PersonList> list() {
        return service.list(Caller.of(token))
                .map(persons -> new PersonList(persons.stream().map(p -> PersonViews.item(p, links)).toList()));
    }

    /** Creates a person from one to three uploaded files or one image URL. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<UploadResponse>> create(@RestForm("name") String name,
            @RestForm("files") List<FileUpload> files,
            @RestForm("imageUrl") String imageUrl, @RestForm("image_url") String imageUrlAlias,
            @RestForm("sourcePageUrl") String sourcePageUrl, @RestForm("source_page_url") String sourcePageUrlAlias) {
        Caller caller = Caller.of(token);
        FieldErrors errors = new FieldErrors();
        String slug = Slugs.required(errors, "name", name);
        ImageRequest request = imageRequest(files, imageUrl, imageUrlAlias, sourcePageUrl, sourcePageUrlAlias);
        request.validate(errors, config.maxImageBytes());
        errors.throwIfAny();
        return intake.prepare(request)
                .chain(inputs -> service.create(caller, slug, inputs).eventually(() -> ImageInput.discard(inputs)))
                .map(upload -> RestResponse.status(RestResponse.Status.CREATED, new UploadResponse(
                        PersonViews.ref(upload.person()),
                        upload.added().stream().map(i -> PersonViews.stored(i, links)).toList(),
                        upload.remaining())));
    }

    /** Renames a person; its reference images move to the new name's storage prefix. */
    @PATCH
    @Path("/{personId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RenameResponse> rename(@RestPath String personId, RenameRequest body) {
        Caller caller = Caller.of(token);
        FieldErrors errors = new FieldErrors();
        String slug = Slugs.required(errors, "name", body == null ? null : body.name());
        errors.throwIfAny();
        return service.rename(caller, personId, slug)
                .map(renamed -> new RenameResponse(PersonViews.ref(renamed.person()), renamed.moved()));
    }

    /** Deletes a person and its reference images. */
    @DELETE
    @Path("/{personId}")
    public Uni<DeleteResponse> delete(@RestPath String personId) {
        return service.delete(Caller.of(token), personId)
                .map(deleted -> new DeleteResponse(PersonViews.ref(deleted.person()), deleted.deleted()));
    }

    /** The reference images in position order, as signed links. */
    @GET
    @Path("/{personId}/images")
    public Uni<ImageList> images(@RestPath String personId) {
        return service.images(Caller.of(token), personId)
                .map(found -> new ImageList(PersonViews.ref(found.person()),
                        found.images().stream().map(i -> PersonViews.link(i, links)).toList()));
    }

    /** Adds uploaded files or one image URL, up to three images in all. */
    @POST
    @Path("/{personId}/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<UploadResponse>> addImages(@RestPath String personId,
            @RestForm("files") List<FileUpload> files,
            @RestForm("imageUrl") String imageUrl, @RestForm("image_url") String imageUrlAlias,
            @RestForm("sourcePageUrl") String sourcePageUrl, @RestForm("source_page_url") String sourcePageUrlAlias) {
        Caller caller = Caller.of(token);
        FieldErrors errors = new FieldErrors();
        ImageRequest request = imageRequest(files, imageUrl, imageUrlAlias, sourcePageUrl, sourcePageUrlAlias);
        request.validate(errors, config.maxImageBytes());
        errors.throwIfAny();
        return intake.prepare(request)
                .chain(inputs -> service.addImages(caller, personId, inputs, request.field())
                        .eventually(() -> ImageInput.discard(inputs)))
                .map(upload -> RestResponse.status(RestResponse.Status.CREATED, new UploadResponse(
                        PersonViews.ref(upload.person()),
                        upload.added().stream().map(i -> PersonViews.stored(i, links)).toList(),
                        upload.remaining())));
    }

    /** Deletes one reference image, named by {@code ?key=} or a JSON body {@code {"key"}} (the query wins). */
    @DELETE
    @Path("/{personId}/images")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DeleteImageResponse> deleteImage(@RestPath String personId, @RestQuery("key") String key, ImageKey body) {
        Caller caller = Caller.of(token);
        String chosen = key != null && !key.isBlank() ? key : body == null ? null : body.key();
        if (chosen == null || chosen.isBlank()) {
            new FieldErrors().add("key", "key is required, in the query or the JSON body").throwIfAny();
        }
        return service.deleteImage(caller, personId, chosen)
                .map(deleted -> new DeleteImageResponse(PersonViews.ref(deleted.person()), deleted.key()));
    }

    /** Queues the 1x3 composite of a person; poll GET /api/v1/jobs/{requestId}. */
    @POST
    @Path("/{personId}/compose")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ComposeResponse>> compose(@RestPath String personId, ComposeRequest body) {
        Caller caller = Caller.of(token);
        FieldErrors errors = new FieldErrors();
        PersonModel model = PersonModel.parse(errors, "model", body == null ? null : body.model());
        Integer timeoutSeconds = JobTimeout.check(errors, body == null ? null : body.timeoutSeconds());
        String webhookUrl = JobWebhook.check(errors, body == null ? null : body.webhookUrl());
        errors.throwIfAny();
        return service.compose(caller, personId, model, timeoutSeconds, webhookUrl)
                .map(requestId -> RestResponse.status(RestResponse.Status.ACCEPTED, new ComposeResponse(requestId, personId)));
    }

    private static ImageRequest imageRequest(List<FileUpload> files, String imageUrl, String imageUrlAlias,
            String sourcePageUrl, String sourcePageUrlAlias) {
        List<ImageRequest.Part> parts = files == null ? List.of()
                : files.stream().map(f -> new ImageRequest.Part(f.uploadedFile(), f.fileName(), f.size())).toList();
        return new ImageRequest(parts, ImageRequest.either(imageUrl, imageUrlAlias),
                ImageRequest.either(sourcePageUrl, sourcePageUrlAlias));
    }
}
