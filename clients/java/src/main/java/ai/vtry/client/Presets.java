package ai.vtry.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.PromptPresets;

/** The Prompt Gallery: {@code GET /api/v1/prompt-presets}. */
public final class Presets {

    private final Transport transport;

    Presets(Transport transport) {
        this.transport = transport;
    }

    /** Every preset, flat and by category; use an id as a generation's {@code promptPresetId}. */
    public PromptPresets list() {
        return transport.get("/prompt-presets", Map.of(), PromptPresets.class);
    }

    /** {@link #list()}, asynchronously. */
    public CompletableFuture<PromptPresets> listAsync() {
        return transport.async(this::list);
    }
}
