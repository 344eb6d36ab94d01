package ai.vtry.generation.service;

/** The body of {@code POST /api/v1/edits}, as sent; {@link EditService} validates it. */
public record EditRequest(
        String model,
        String prompt,
        String imageUrl,
        String jobId,
        String clothId,
        String aspectRatio,
        String resolution,
        String outputFormat,
        Boolean saveAsClothes,
        Integer timeoutSeconds,
        String webhookUrl) {
}
