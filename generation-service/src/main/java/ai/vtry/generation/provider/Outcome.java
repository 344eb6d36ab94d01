package ai.vtry.generation.provider;

import java.util.List;
import java.util.Map;

import ai.vtry.common.image.ImageFormat;

/** Where a submitted task stands. */
public sealed interface Outcome {

    /**
     * Still queued or running at the provider.
     *
     * @param progress what the provider says, shown on the job: {@code stage} ({@code queued} or
     *                 {@code running}) and {@code queuePosition} while queued; empty when it says nothing
     */
    record Pending(Map<String, Object> progress) implements Outcome {

        public Pending() {
            this(Map.of());
        }

        public static Pending queued(int position) {
            return new Pending(Map.of("stage", "queued", "queuePosition", position));
        }

        public static Pending running() {
            return new Pending(Map.of("stage", "running"));
        }
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
