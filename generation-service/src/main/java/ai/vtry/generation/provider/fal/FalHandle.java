package ai.vtry.generation.provider.fal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.vtry.common.image.ImageFormat;

/**
 * What the worker keeps of a fal request: its id and the three URLs fal returned (used verbatim,
 * as the status and result paths drop the endpoint's {@code /edit}), plus what polling needs.
 */
record FalHandle(String requestId, String statusUrl, String responseUrl, String cancelUrl, String model,
        ImageFormat outputFormat, Instant deadline) {

    Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("requestId", requestId);
        map.put("statusUrl", statusUrl);
        map.put("responseUrl", responseUrl);
        map.put("cancelUrl", cancelUrl);
        map.put("model", model);
        map.put("outputFormat", outputFormat.name());
        if (deadline != null) {
            map.put("deadline", deadline.toString());
        }
        return map;
    }

    static FalHandle of(Map<String, String> map) {
        String deadline = map.get("deadline");
        return new FalHandle(map.get("requestId"), map.get("statusUrl"), map.get("responseUrl"), map.get("cancelUrl"),
                map.get("model"), ImageFormat.valueOf(map.getOrDefault("outputFormat", ImageFormat.JPEG.name())),
                deadline == null ? null : Instant.parse(deadline));
    }
}
