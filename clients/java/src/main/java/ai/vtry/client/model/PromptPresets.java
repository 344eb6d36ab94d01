package ai.vtry.client.model;

import java.util.List;

/**
 * The Prompt Gallery ({@code GET /api/v1/prompt-presets}): every preset in gallery order, and the same
 * grouped by category. A preset's {@code id} is a generation's {@code promptPresetId}.
 */
public record PromptPresets(List<Preset> presets, List<Category> categories) {

    /** A curated scene prompt. */
    public record Preset(String id, String title, String category, String text) {
    }

    /** A category of the gallery and its prompts. */
    public record Category(String name, List<CategoryPrompt> prompts) {
    }

    /** A preset as its category lists it. */
    public record CategoryPrompt(String id, String title, String text) {
    }
}
