package ai.vtry.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.Me;

/** The API key's account: {@code GET /api/v1/me}. */
public final class Account {

    private final Transport transport;

    Account(Transport transport) {
        this.transport = transport;
    }

    /** Who the key belongs to: user, plan, workspace ownership and each rate-limit category now. */
    public Me get() {
        return transport.get("/me", Map.of(), Me.class);
    }

    /** {@link #get()}, asynchronously. */
    public CompletableFuture<Me> getAsync() {
        return transport.async(this::get);
    }
}
