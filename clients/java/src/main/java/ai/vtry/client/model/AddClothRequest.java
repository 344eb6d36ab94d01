package ai.vtry.client.model;

import java.nio.file.Path;

/**
 * A garment for the library ({@code POST /api/v1/clothes}) from one file or one image URL (never both),
 * kept as it is ({@link ClothMode#DIRECT}) or cut out by an image model ({@link ClothMode#EXTRACT}, which
 * needs a {@code model}).
 *
 * @param sourcePageUrl the product page: kept as the cloth's {@code sourceUrl}, sent as {@code Referer}
 * @param prompt extract only: what to extract, e.g. "black leather jacket"
 * @param model extract only (and required there)
 * @param resolution only with {@link Model#NANO_BANANA_2}
 * @param timeoutSeconds the job's deadline in seconds, 1 to 600; null for the deployment's (10 minutes)
 * @param webhookUrl where this job's final event also goes ({@link ai.vtry.client.Webhooks#rotateRequestSecret()}), or null
 * @param idempotencyKey sent as {@code Idempotency-Key}; null to let the client pick a new one per call
 */
public record AddClothRequest(ClothMode mode, ImageFile file, String imageUrl, String sourcePageUrl, String prompt,
        Model model, Resolution resolution, Integer timeoutSeconds, String webhookUrl, String idempotencyKey) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AddClothRequest}. */
    public static final class Builder {
        private ClothMode mode;
        private ImageFile file;
        private String imageUrl;
        private String sourcePageUrl;
        private String prompt;
        private Model model;
        private Resolution resolution;
        private Integer timeoutSeconds;
        private String webhookUrl;
        private String idempotencyKey;

        private Builder() {
        }

        public Builder mode(ClothMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder file(ImageFile file) {
            this.file = file;
            return this;
        }

        public Builder file(Path path) {
            return file(ImageFile.of(path));
        }

        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        public Builder sourcePageUrl(String sourcePageUrl) {
            this.sourcePageUrl = sourcePageUrl;
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder model(Model model) {
            this.model = model;
            return this;
        }

        public Builder resolution(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        /** Also send this job's final event to this URL, signed with the workspace's request secret. */
        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        /** The job's own deadline, 1 to 600 s: past it the job fails with {@code timeout}. */
        public Builder timeoutSeconds(int timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public AddClothRequest build() {
            return new AddClothRequest(mode, file, imageUrl, sourcePageUrl, prompt, model, resolution, timeoutSeconds, webhookUrl, idempotencyKey);
        }
    }
}
