package ai.vtry.generation.rest;

import java.util.List;

import ai.vtry.generation.service.Preset;
import ai.vtry.generation.service.PresetCatalog;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * The Prompt Gallery: {@code GET /api/v1/prompt-presets}, the same presets for every caller, both as a
 * flat list and grouped by category. In memory, so it answers on the event loop.
 */
@Path("/api/v1/prompt-presets")
public class PresetResource {

    public record PresetGallery(List<Preset> presets, List<CategoryView> categories) {
    }

    public record CategoryView(String name, List<PromptView> prompts) {
    }

    public record PromptView(String id, String title, String text) {
    }

    private final PresetGallery gallery;

    public PresetResource(PresetCatalog catalog) {
        // The catalog never changes after start-up, so the body is built once.
        this.gallery = new PresetGallery(catalog.presets(), catalog.categories().stream()
                .map(c -> new CategoryView(c.name(), c.presets().stream()
                        .map(p -> new PromptView(p.id(), p.title(), p.text())).toList()))
                .toList());
    }

    @GET
    @NonBlocking
    public PresetGallery list() {
        return gallery;
    }
}
