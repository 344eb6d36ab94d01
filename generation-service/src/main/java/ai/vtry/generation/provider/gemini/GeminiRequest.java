package ai.vtry.generation.provider.gemini;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.remote.TaskOptions;

/** The body of a generateContent call: the prompt first, then each image inline, in the prompt's order. */
final class GeminiRequest {

    static Map<String, Object> body(String prompt, List<byte[]> images, TaskOptions options) {
        List<Object> parts = new ArrayList<>();
        parts.add(Map.of("text", prompt));
        for (byte[] image : images) {
            ImageFormat format = ImageFormat.fromSignature(image, image.length);
            parts.add(Map.of("inlineData", Map.of(
                    "mimeType", (format == null ? ImageFormat.JPEG : format).contentType(),
                    "data", Base64.getEncoder().encodeToString(image))));
        }
        Map<String, Object> generationConfig = new LinkedHashMap<>();
        generationConfig.put("responseModalities", List.of("TEXT", "IMAGE"));
        Map<String, Object> imageConfig = new LinkedHashMap<>();
        if (!options.autoAspectRatio()) {
            imageConfig.put("aspectRatio", options.aspectRatio()); // Gemini has no "auto": omitted, it picks
        }
        if (options.resolution() != null) {
            imageConfig.put("imageSize", options.resolution());
        }
        if (!imageConfig.isEmpty()) {
            generationConfig.put("imageConfig", imageConfig);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contents", List.of(Map.of("role", "user", "parts", parts)));
        body.put("generationConfig", generationConfig);
        return body;
    }

    private GeminiRequest() {
    }
}
