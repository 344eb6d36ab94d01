package ai.vtry.generation.service;

/**
 * The prompt fields of a generation request, as sent (any may be null), plus the number of selected
 * clothes/accessory items, which the template tells the provider about.
 */
public record PromptRequest(String mode, String prompt, String presetId, String presetTitle,
        String scene, String activity, String composition, String cameraAngle, String cameraDistance,
        String lighting, String expression, String mood, int itemCount) {
}
