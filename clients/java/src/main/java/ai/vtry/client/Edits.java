package ai.vtry.client;

import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.EditQueued;
import ai.vtry.client.model.EditRequest;

/** Edits of one image with one instruction: {@code POST /api/v1/edits}. */
public final class Edits {

    private final Transport transport;

    Edits(Transport transport) {
        this.transport = transport;
    }

    /** Queues an edit; follow its job with {@link Jobs#waitFor(String, java.util.function.Consumer)}. */
    public EditQueued create(EditRequest request) {
        return transport.post("/edits", request, request.idempotencyKey(), EditQueued.class);
    }

    /** {@link #create(EditRequest)}, asynchronously. */
    public CompletableFuture<EditQueued> createAsync(EditRequest request) {
        return transport.async(() -> create(request));
    }
}
