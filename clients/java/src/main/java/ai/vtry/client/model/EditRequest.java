package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An edit of one image with one instruction ({@code POST /api/v1/edits}). The source is exactly one of a
 * completed job ({@code jobId}), a cloth ({@code clothId}) or an image on the web ({@code imageUrl}).
 *
 * @param prompt required: the instruction, e.g. "change the jacket color to navy"
 * @param model {@code NanoBanana} by default
 * @param resolution only with {@link Model#NANO_BANANA_2}
 * @param saveAsClothes only with {@code clothId}: also add the result to the clothes library
 * @param timeoutSeconds the job's deadline in seconds, 1 to 600; null for the deployment's (10 minutes)
 * @param webhookUrl where this job's final event also goes ({@link ai.vtry.client.Webhooks#rotateRequestSecret()}), or null
 * @param idempotencyKey sent as {@code Idempotency-Key}, not in the body; null to let the client pick a new
 *        one per call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditRequest(String prompt, String imageUrl, String jobId, String clothId, Model model,
        AspectRatio aspectRatio, Resolution resolution, OutputFormat outputFormat, Boolean saveAsClothes,
        Integer timeoutSeconds, String webhookUrl, @JsonIgnore String idempotencyKey) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EditRequest}. */
    public static final class Builder {
        private String prompt;
        private String imageUrl;
        private String jobId;
        private String clothId;
        private Model model;
        private AspectRatio aspectRatio;
        private Resolution resolution;
        private OutputFormat outputFormat;
        private Boolean saveAsClothes;
        private Integer timeoutSeconds;
        private String webhookUrl;
        private String idempotencyKey;

        private Builder() {
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        /** Edits an image on the web (fetched by Vtry). */
        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        /** Edits the first image of a completed job. */
        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /** Edits a cloth of the library. */
        public Builder clothId(String clothId) {
            this.clothId = clothId;
            return this;
        }

        public Builder model(Model model) {
            this.model = model;
            return this;
        }

        public Builder aspectRatio(AspectRatio aspectRatio) {
            this.aspectRatio = aspectRatio;
            return this;
        }

        public Builder resolution(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder outputFormat(OutputFormat outputFormat) {
            this.outputFormat = outputFormat;
            return this;
        }

        public Builder saveAsClothes(boolean saveAsClothes) {
            this.saveAsClothes = saveAsClothes;
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

        /** The operation's key: sending a request with the same key again queues nothing twice. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public EditRequest build() {
            return new EditRequest(prompt, imageUrl, jobId, clothId, model, aspectRatio, resolution, outputFormat,
                    saveAsClothes, timeoutSeconds, webhookUrl, idempotencyKey);
        }
    }
}
