package ai.vtry.clothes.rest;

import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.annotation.JsonAlias;

import ai.vtry.clothes.config.ClothesConfig;
import ai.vtry.clothes.mapping.ClothViews;
import ai.vtry.clothes.mapping.ClothViews.ClothItem;
import ai.vtry.clothes.service.ClothRequest;
import ai.vtry.clothes.service.ClothesService;
import ai.vtry.clothes.service.SourceImageService;
import ai.vtry.clothes.service.SourceImageService.SourceImages;
import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.link.SignedLinks;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/**
 * Clothes: {@code /api/v1/clothes}, in the caller's workspace only (another workspace's cloth is a
 * 404). Adding a garment answers 202 Accepted with the job's id: the cloth appears in the list once
 * the job is done (at once for a direct upload, after the worker for an extraction).
 */
@Path("/api/v1/clothes")
public class ClothesResource {

    public record ClothList(List<ClothItem> clothes, int page, long total, long totalPages) {
    }

    public record Accepted(String requestId) {
    }

    public record Deleted(String clothId, String deletedKey) {
    }

    public record SourceImagesRequest(@JsonAlias({"pageUrl", "sourcePageUrl", "source_page_url"}) String url,
            Integer limit) {
    }

    static final int DEFAULT_PAGE_SIZE = 8;
    static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_LIMIT = 12;
    static final int MAX_LIMIT = 20;

    private final ClothesService service;
    private final SourceImageService sourceImages;
    private final SignedLinks links;
    private final ClothesConfig config;
    private final JsonWebToken token;

    public ClothesResource(ClothesService service, SourceImageService sourceImages, SignedLinks links,
            ClothesConfig config, JsonWebToken token) {
        this.service = service;
        this.sourceImages = sourceImages;
        this.links = links;
        this.config = config;
        this.token = token;
    }

    /** The workspace's clothes, newest first, a page at a time. */
    @GET
    public Uni<ClothList> list(@RestQuery String page, @RestQuery String pageSize) {
        Caller caller = Caller.of(token);
        FieldErrors errors = new FieldErrors();
        int number = errors.positiveInt("page", page, 1, Integer.MAX_VALUE);
        int size = errors.positiveInt("pageSize", pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        errors.throwIfAny();
        return service.list(caller, number, size).map(found -> new ClothList(
                found.clothes().stream().map(c -> ClothViews.item(c, links)).toList(),
                number, found.total(), (found.total() + size - 1) / size));
    }

    /** Adds a garment from a file or an image URL, as it is (direct) or extracted; poll GET /api/v1/jobs/{requestId}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<Accepted>> create(@RestForm("mode") String mode, @RestForm("file") List<FileUpload> files,
            @RestForm("imageUrl") String imageUrl, @RestForm("image_url") String imageUrlAlias,
            @RestForm("sourcePageUrl") String sourcePageUrl, @RestForm("source_page_url") String sourcePageUrlAlias,
            @RestForm("prompt") String prompt, @RestForm("userPrompt") String userPrompt,
            @RestForm("user_prompt") String userPromptAlias,
            @RestForm("model") String model, @RestForm("resolution") String resolution,
            @RestForm("timeoutSeconds") String timeoutSeconds, @RestForm("webhookUrl") String webhookUrl) {
        Caller caller = Caller.of(token);
        FieldErrors errors = new FieldErrors();
        List<ClothRequest.Upload> uploads = files == null ? List.of()
                : files.stream().map(f -> new ClothRequest.Upload(f.uploadedFile(), f.fileName(), f.size())).toList();
        ClothRequest request = ClothRequest.validate(errors, mode, uploads, ClothRequest.either(imageUrl, imageUrlAlias),
                ClothRequest.either(sourcePageUrl, sourcePageUrlAlias),
                ClothRequest.either(prompt, userPrompt, userPromptAlias), model, resolution, timeoutSeconds, webhookUrl,
                config.maxImageBytes(), config.maxPromptLength());
        errors.throwIfAny();
        return service.submit(caller, request)
                .map(requestId -> RestResponse.status(RestResponse.Status.ACCEPTED, new Accepted(requestId)));
    }

    /** Deletes a cloth and its stored image. */
    @DELETE
    @Path("/{clothId}")
    public Uni<Deleted> delete(@RestPath String clothId) {
        return service.delete(Caller.of(token), clothId).map(cloth -> new Deleted(cloth.getId(), cloth.getImageKey()));
    }

    /** The garment pictures a product or outfit page offers, best first (or the URL itself if it is an image). */
    @POST
    @Path("/source-images")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SourceImages> sourceImages(SourceImagesRequest body) {
        Caller.of(token);
        FieldErrors errors = new FieldErrors();
        String url = body == null || body.url() == null || body.url().isBlank() ? null : body.url().trim();
        if (url == null) {
            errors.add("url", "url is required");
        } else {
            url = ClothRequest.httpUrl(errors, "url", url);
        }
        Integer limit = body == null ? null : body.limit();
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            errors.add("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        errors.throwIfAny();
        return sourceImages.discover(url, limit == null ? DEFAULT_LIMIT : limit);
    }
}
