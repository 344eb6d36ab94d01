package ai.vtry.generation.provider.fal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.vtry.generation.provider.remote.TaskOptions;

/** The input of fal's nano-banana and nano-banana-2 edit endpoints. */
final class FalRequest {

    static Map<String, Object> body(String prompt, List<String> imageUrls, TaskOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", prompt);
        body.put("image_urls", imageUrls); // in the order the prompt refers to them
        body.put("num_images", options.numImages());
        body.put("output_format", options.outputFormatName());
        if (options.aspectRatio() != null) {
            body.put("aspect_ratio", options.aspectRatio()); // "auto" included: fal takes it
        }
        if (options.resolution() != null) {
            body.put("resolution", options.resolution());
        }
        body.put("sync_mode", Boolean.TRUE.equals(options.syncMode()));
        return body;
    }

    private FalRequest() {
    }
}
