package ai.vtry.generation.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.vtry.common.error.FieldErrors;

/**
 * The output options that generations and edits share, validated and with the reference's defaults
 * applied: aspectRatio (NanoBanana2 defaults to 9:16), resolution (NanoBanana2 only, default 1K),
 * outputFormat (default jpeg) and numImages (1-4 for NanoBanana, exactly 1 for NanoBanana2).
 */
public record ImageOptions(String aspectRatio, String resolution, String outputFormat, int numImages, Boolean syncMode) {

    public static final List<String> ASPECT_RATIOS =
            List.of("auto", "21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16");
    public static final List<String> RESOLUTIONS = List.of("1K", "2K", "4K");
    public static final List<String> OUTPUT_FORMATS = List.of("jpeg", "png");

    /** Validates the sent values; {@code model} may be null (already reported), then only the shapes are checked. */
    public static ImageOptions parse(FieldErrors errors, GenerationModel model, String aspectRatio, String resolution,
            String outputFormat, Integer numImages, Boolean syncMode) {
        String ratio = oneOf(errors, "aspectRatio", aspectRatio, ASPECT_RATIOS);
        String size = oneOf(errors, "resolution", resolution, RESOLUTIONS);
        if (resolution != null && model != null && !model.supportsResolution()) {
            errors.add("resolution", "resolution is only supported with NanoBanana2");
        }
        String format = oneOf(errors, "outputFormat", outputFormat, OUTPUT_FORMATS);
        int images = numImages == null ? 1 : numImages;
        if (model == null) {
            // The model is wrong already: still name a count no model takes.
            if (images < 1 || images > GenerationModel.MAX_IMAGES) {
                errors.add("numImages", "numImages must be an integer from 1 to " + GenerationModel.MAX_IMAGES);
            }
        } else if (images < 1 || images > model.maxImages()) {
            errors.add("numImages", model.maxImages() == 1 ? "numImages must be 1 for " + model.name()
                    : "numImages must be an integer from 1 to " + model.maxImages() + " for " + model.name());
        }
        if (model == null) {
            return null;
        }
        return new ImageOptions(ratio != null ? ratio : model.defaultAspectRatio(),
                model.supportsResolution() ? (size != null ? size : "1K") : null,
                format != null ? format : "jpeg", images, syncMode);
    }

    /** What the worker hands the provider (absent values are left out). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("aspectRatio", aspectRatio);
        if (resolution != null) {
            map.put("resolution", resolution);
        }
        map.put("outputFormat", outputFormat);
        map.put("numImages", numImages);
        if (syncMode != null) {
            map.put("syncMode", syncMode);
        }
        return map;
    }

    private static String oneOf(FieldErrors errors, String field, String value, List<String> allowed) {
        if (value == null) {
            return null;
        }
        if (!allowed.contains(value)) {
            errors.add(field, field + " must be one of " + String.join(", ", allowed));
            return null;
        }
        return value;
    }
}
