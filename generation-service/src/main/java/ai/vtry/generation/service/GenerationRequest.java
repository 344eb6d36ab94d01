package ai.vtry.generation.service;

import java.util.List;

/** The body of {@code POST /api/v1/generations}, as sent; {@link GenerationService} validates it. */
public record GenerationRequest(
        String model,
        String prompt,
        String promptMode,
        String promptPresetId,
        String promptPresetTitle,
        String scene,
        String activity,
        String composition,
        String cameraAngle,
        String cameraDistance,
        String lighting,
        String expression,
        String mood,
        String personId,
        List<String> clothesIds,
        String aspectRatio,
        String resolution,
        Boolean syncMode,
        String outputFormat,
        Integer numImages,
        Integer timeoutSeconds,
        String webhookUrl) {
}
