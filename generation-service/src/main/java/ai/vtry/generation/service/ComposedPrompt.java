package ai.vtry.generation.service;

/** The final provider prompt, the mode that built it and the preset used (null outside preset mode). */
public record ComposedPrompt(PromptMode mode, String text, String presetId) {
}
