package ai.vtry.client;

import static ai.vtry.client.Transport.query;
import static ai.vtry.client.Transport.segment;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.AddClothRequest;
import ai.vtry.client.model.ClothDeleted;
import ai.vtry.client.model.ClothQueued;
import ai.vtry.client.model.ClothesPage;
import ai.vtry.client.model.SourceImages;

/** The workspace's clothes library ({@code /api/v1/clothes}). */
public final class Clothes {

    private final Transport transport;

    Clothes(Transport transport) {
        this.transport = transport;
    }

    /** The first page of the library, newest first, at the API's page size (8). */
    public ClothesPage list() {
        return transport.get("/clothes", Map.of(), ClothesPage.class);
    }

    /**
     * A page of the library, newest first.
     *
     * @param page from 1; past the last page the list is empty
     * @param pageSize 1 to 100
     */
    public ClothesPage list(int page, int pageSize) {
        return transport.get("/clothes", query("page", page, "pageSize", pageSize), ClothesPage.class);
    }

    /**
     * Adds a garment from a file (streamed) or an image URL; once its job is {@code COMPLETED} the cloth is
     * in the library.
     */
    public ClothQueued add(AddClothRequest request) {
        Multipart body = new Multipart().field("mode", request.mode()).file("file", request.file())
                .field("imageUrl", request.imageUrl()).field("sourcePageUrl", request.sourcePageUrl())
                .field("prompt", request.prompt()).field("model", request.model())
                .field("resolution", request.resolution()).field("timeoutSeconds", request.timeoutSeconds())
                .field("webhookUrl", request.webhookUrl());
        return transport.postMultipart("/clothes", body, request.idempotencyKey(), ClothQueued.class);
    }

    /** Deletes a cloth and its image. */
    public ClothDeleted delete(String clothId) {
        return transport.delete("/clothes/" + segment(clothId), null, ClothDeleted.class);
    }

    /** The pictures a product or outfit page offers, best first (at most 12); nothing is stored. */
    public SourceImages sourceImages(String url) {
        return transport.post("/clothes/source-images", Map.of("url", url), null, SourceImages.class);
    }

    /**
     * The pictures a product or outfit page offers, best first; nothing is stored.
     *
     * @param limit 1 to 20
     */
    public SourceImages sourceImages(String url, int limit) {
        return transport.post("/clothes/source-images", Map.of("url", url, "limit", limit), null, SourceImages.class);
    }

    /** {@link #list()}, asynchronously. */
    public CompletableFuture<ClothesPage> listAsync() {
        return transport.async(() -> list());
    }

    /** {@link #list(int, int)}, asynchronously. */
    public CompletableFuture<ClothesPage> listAsync(int page, int pageSize) {
        return transport.async(() -> list(page, pageSize));
    }

    /** {@link #add(AddClothRequest)}, asynchronously. */
    public CompletableFuture<ClothQueued> addAsync(AddClothRequest request) {
        return transport.async(() -> add(request));
    }

    /** {@link #delete(String)}, asynchronously. */
    public CompletableFuture<ClothDeleted> deleteAsync(String clothId) {
        return transport.async(() -> delete(clothId));
    }

    /** {@link #sourceImages(String)}, asynchronously. */
    public CompletableFuture<SourceImages> sourceImagesAsync(String url) {
        return transport.async(() -> sourceImages(url));
    }

    /** {@link #sourceImages(String, int)}, asynchronously. */
    public CompletableFuture<SourceImages> sourceImagesAsync(String url, int limit) {
        return transport.async(() -> sourceImages(url, limit));
    }
}
