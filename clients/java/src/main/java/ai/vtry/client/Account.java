package ai.vtry.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.Me;

/** The API key's account: {@code GET /api/v1/me}, and the key's rotation. */
public final class Account {

    private final Transport transport;

    Account(Transport transport) {
        this.transport = transport;
    }

    /** Who the key belongs to: user, plan, workspace ownership and each rate-limit category now. */
    public Me get() {
        return transport.get("/me", Map.of(), Me.class);
    }

    /**
     * Replaces the key ({@code POST /api/v1/me/api-key/rotate}) and returns the new one, shown this once:
     * keep it. The old key stops working at once; this client goes on with the new one.
     */
    public String rotateKey() {
        String newKey = transport.post("/me/api-key/rotate", null, null, NewKey.class).apiKey();
        transport.useApiKey(newKey);
        return newKey;
    }

    private record NewKey(String apiKey) {
    }

    /** {@link #rotateKey()}, asynchronously. */
    public CompletableFuture<String> rotateKeyAsync() {
        return transport.async(this::rotateKey);
    }

    /** {@link #get()}, asynchronously. */
    public CompletableFuture<Me> getAsync() {
        return transport.async(this::get);
    }
}
