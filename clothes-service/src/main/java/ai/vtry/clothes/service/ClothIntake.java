package ai.vtry.clothes.service;


import ai.vtry.common.error.ApiException;
import ai.vtry.common.fetch.FetchedImage;
import ai.vtry.common.fetch.SafeUrlFetcher;
import ai.vtry.common.image.ImageCheck;
import ai.vtry.common.image.ImageSniffer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the image of a clothes request into one we trust: an upload is sniffed (the client's
 * content type means nothing), a URL is fetched through the SSRF-safe fetcher, with the source page
 * as Referer, and sniffed. Blocking I/O, so it runs on a worker and resumes on the caller's context.
 */
@ApplicationScoped
public class ClothIntake {

    private final SafeUrlFetcher fetcher;
    private final Vertx vertx;

    public ClothIntake(SafeUrlFetcher fetcher, Vertx vertx) {
        this.fetcher = fetcher;
        this.vertx = vertx;
    }

    public Uni<ImageInput> prepare(ClothRequest request) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> request.fromUrl() ? fetch(request) : sniff(request.file())));
    }

    private static ImageInput sniff(ClothRequest.Upload upload) {
        ImageCheck check = ImageSniffer.check(upload.file());
        if (!check.accepted()) {
            String name = upload.fileName() == null || upload.fileName().isBlank() ? "" : " (" + upload.fileName() + ")";
            throw ApiException.validation("file", "file" + name + " " + check.problem());
        }
        return new ImageInput(upload.file(), upload.size(), check.info().format(), false);
    }

    private ImageInput fetch(ClothRequest request) {
        FetchedImage image = fetcher.fetchImage(request.imageUrl(), request.sourcePageUrl());
        return new ImageInput(image.fetched().file(), image.fetched().size(), image.info().format(), true);
    }
}
