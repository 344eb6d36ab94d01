package ai.vtry.generation.service;

/** One Prompt Gallery entry as shipped in {@code presets/prompt-presets.json}. */
public record Preset(String id, String title, String category, String text) {
}
