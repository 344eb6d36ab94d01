package ai.vtry.client;

import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.GenerationQueued;
import ai.vtry.client.model.GenerationRequest;

/** Virtual try-ons: {@code POST /api/v1/generations}. */
public final class Generations {

    private final Transport transport;

    Generations(Transport transport) {
        this.transport = transport;
    }

    /**
     * Queues a try-on; follow its job with {@link Jobs#waitFor(String, java.util.function.Consumer)}. It
     * holds one of the account's three generation slots until the job ends.
     */
    public GenerationQueued create(GenerationRequest request) {
        return transport.post("/generations", request, request.idempotencyKey(), GenerationQueued.class);
    }

    /** {@link #create(GenerationRequest)}, asynchronously. */
    public CompletableFuture<GenerationQueued> createAsync(GenerationRequest request) {
        return transport.async(() -> create(request));
    }
}
