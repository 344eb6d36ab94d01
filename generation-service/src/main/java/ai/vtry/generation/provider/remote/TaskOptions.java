package ai.vtry.generation.provider.remote;

import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.ImageTask;

/**
 * The options of an {@link ImageTask} as the remote providers read them (any may be absent).
 *
 * @param aspectRatio null when absent; "auto" is kept (fal takes it, Gemini omits it)
 * @param resolution  1K, 2K or 4K; null unless the model is NanoBanana2 (the only one that takes it)
 * @param numImages   1 to 4
 * @param syncMode    null when absent
 */
public record TaskOptions(String aspectRatio, String resolution, ImageFormat outputFormat, int numImages,
        Boolean syncMode) {

    public static final String NANO_BANANA_2 = "NanoBanana2";

    public static TaskOptions of(ImageTask task) {
        String resolution = NANO_BANANA_2.equals(task.model()) ? task.option("resolution", null) : null;
        ImageFormat format = "png".equalsIgnoreCase(task.option("outputFormat", "jpeg")) ? ImageFormat.PNG : ImageFormat.JPEG;
        Object sync = task.options() == null ? null : task.options().get("syncMode");
        return new TaskOptions(task.option("aspectRatio", null), resolution, format, numImages(task),
                sync == null ? null : Boolean.valueOf(sync.toString()));
    }

    public boolean autoAspectRatio() {
        return aspectRatio == null || "auto".equals(aspectRatio);
    }

    /** "jpeg" or "png", as both providers spell it. */
    public String outputFormatName() {
        return outputFormat == ImageFormat.PNG ? "png" : "jpeg";
    }

    private static int numImages(ImageTask task) {
        Object value = task.options() == null ? null : task.options().get("numImages");
        int n;
        if (value instanceof Number number) {
            n = number.intValue();
        } else {
            try {
                n = value == null ? 1 : Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                n = 1;
            }
        }
        // The API validates 1-4; clamping keeps a bad value from fanning out Gemini calls.
        return Math.max(1, Math.min(4, n));
    }
}
