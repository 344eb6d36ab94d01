package ai.vtry.person.service;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.fetch.Fetched;
import ai.vtry.common.fetch.FetchedImage;
import ai.vtry.common.fetch.SafeUrlFetcher;
import ai.vtry.common.image.ImageCheck;
import ai.vtry.common.image.ImageSniffer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the image part of a request into images we trust: every upload is sniffed (the client's
 * content type means nothing), a URL is fetched through the SSRF-safe fetcher and sniffed. All of
 * it is blocking I/O, so it runs on a worker and resumes on the caller's context.
 */
@ApplicationScoped
public class ImageIntake {

    private final SafeUrlFetcher fetcher;
    private final Vertx vertx;

    public ImageIntake(SafeUrlFetcher fetcher, Vertx vertx) {
        this.fetcher = fetcher;
        this.vertx = vertx;
    }

    /** The request's images, checked; the request's shape must have been validated already. */
    public Uni<List<ImageInput>> prepare(ImageRequest request) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> request.fromUrl() ? List.of(fetch(request)) : sniff(request)));
    }

    private static List<ImageInput> sniff(ImageRequest request) {
        FieldErrors errors = new FieldErrors();
        List<ImageInput> images = new ArrayList<>();
        for (int i = 0; i < request.files().size(); i++) {
            ImageRequest.Part part = request.files().get(i);
            ImageCheck check = ImageSniffer.check(part.file());
            if (!check.accepted()) {
                errors.add("files", request.label(i) + " " + check.problem());
            } else {
                images.add(new ImageInput(part.file(), ImageInput.fileName(part.fileName(), check.info().format()),
                        part.size(), check.info().format(), false));
            }
        }
        errors.throwIfAny();
        return images;
    }

    private ImageInput fetch(ImageRequest request) {
        FetchedImage image = fetcher.fetchImage(request.imageUrl(), request.sourcePageUrl());
        Fetched fetched = image.fetched();
        return new ImageInput(fetched.file(), ImageInput.fileName(lastSegment(fetched.finalUrl()), image.info().format()),
                fetched.size(), image.info().format(), true);
    }

    private static String lastSegment(URI url) {
        String path = url.getPath();
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }
}
