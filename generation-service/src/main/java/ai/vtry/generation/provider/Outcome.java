package ai.vtry.generation.provider;

import java.util.List;
import java.util.Map;

import ai.vtry.common.image.ImageFormat;

/** Where a submitted task stands. */
public sealed interface Outcome {

    /** Still queued or running at the provider. */
    record Pending() implements Outcome {
    }

    /** Finished with images (already downloaded: provider URLs are short-lived and never handed out). */
    record Done(List<GeneratedImage> images, Map<String, Object> details) implements Outcome {
    }

    /**
     * Finished without a result.
     *
     * @param code      the job error code, e.g. contentBlocked, providerBusy, timeout
     * @param retryable whether trying again later may succeed
     */
    record Failed(String code, String message, boolean retryable) implements Outcome {
    }

    record GeneratedImage(byte[] bytes, ImageFormat format, int width, int height) {
    }
}
