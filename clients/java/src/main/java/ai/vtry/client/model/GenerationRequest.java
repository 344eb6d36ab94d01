package ai.vtry.client.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A virtual try-on ({@code POST /api/v1/generations}): a composed person wearing one or more clothes, in a
 * scene. Unset fields take the API's defaults; the API checks every field and names each wrong one.
 *
 * @param model required; {@link Model#NANO_BANANA_2} needs a paid plan
 * @param personId required: a composed person
 * @param clothesIds required, in the order the prompt names them: at most 2 with NanoBanana, 7 with NanoBanana2
 * @param promptMode {@code template} by default, {@code preset} when a preset is named
 * @param prompt {@code template}/{@code preset}: an extra instruction; {@code raw}: the whole prompt
 * @param promptPresetId a preset id from {@code GET /api/v1/prompt-presets}
 * @param promptPresetTitle a preset title, any case
 * @param scene {@code template}: where, e.g. "a rainy street in Paris"
 * @param activity {@code template}: what the person does
 * @param composition {@code template}: the framing
 * @param numImages NanoBanana: 1 to 4; NanoBanana2: 1
 * @param timeoutSeconds the job's deadline in seconds, 1 to 600; null for the deployment's (10 minutes)
 * @param webhookUrl where this job's final event also goes ({@link ai.vtry.client.Webhooks#rotateRequestSecret()}), or null
 * @param syncMode passed to the image model; the answer is still a job
 * @param idempotencyKey sent as {@code Idempotency-Key}, not in the body; null to let the client pick a new
 *        one per call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationRequest(Model model, String personId, List<String> clothesIds, PromptMode promptMode,
        String prompt, String promptPresetId, String promptPresetTitle, String scene, String activity,
        String composition, String cameraAngle, String cameraDistance, String lighting, String expression, String mood,
        AspectRatio aspectRatio, Resolution resolution, OutputFormat outputFormat, Integer numImages, Boolean syncMode,
        Integer timeoutSeconds, String webhookUrl, @JsonIgnore String idempotencyKey) {

    public GenerationRequest {
        clothesIds = List.copyOf(clothesIds);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GenerationRequest}. */
    public static final class Builder {
        private Model model;
        private String personId;
        private final List<String> clothesIds = new ArrayList<>();
        private PromptMode promptMode;
        private String prompt;
        private String promptPresetId;
        private String promptPresetTitle;
        private String scene;
        private String activity;
        private String composition;
        private String cameraAngle;
        private String cameraDistance;
        private String lighting;
        private String expression;
        private String mood;
        private AspectRatio aspectRatio;
        private Resolution resolution;
        private OutputFormat outputFormat;
        private Integer numImages;
        private Integer timeoutSeconds;
        private String webhookUrl;
        private Boolean syncMode;
        private String idempotencyKey;

        private Builder() {
        }

        public Builder model(Model model) {
            this.model = model;
            return this;
        }

        public Builder personId(String personId) {
            this.personId = personId;
            return this;
        }

        /** Adds a cloth id; the order of the calls is the order the prompt names the clothes in. */
        public Builder cloth(String clothId) {
            clothesIds.add(clothId);
            return this;
        }

        public Builder clothesIds(List<String> ids) {
            clothesIds.clear();
            clothesIds.addAll(ids);
            return this;
        }

        public Builder promptMode(PromptMode promptMode) {
            this.promptMode = promptMode;
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder promptPresetId(String promptPresetId) {
            this.promptPresetId = promptPresetId;
            return this;
        }

        public Builder promptPresetTitle(String promptPresetTitle) {
            this.promptPresetTitle = promptPresetTitle;
            return this;
        }

        public Builder scene(String scene) {
            this.scene = scene;
            return this;
        }

        public Builder activity(String activity) {
            this.activity = activity;
            return this;
        }

        public Builder composition(String composition) {
            this.composition = composition;
            return this;
        }

        public Builder cameraAngle(String cameraAngle) {
            this.cameraAngle = cameraAngle;
            return this;
        }

        public Builder cameraDistance(String cameraDistance) {
            this.cameraDistance = cameraDistance;
            return this;
        }

        public Builder lighting(String lighting) {
            this.lighting = lighting;
            return this;
        }

        public Builder expression(String expression) {
            this.expression = expression;
            return this;
        }

        public Builder mood(String mood) {
            this.mood = mood;
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

        public Builder numImages(int numImages) {
            this.numImages = numImages;
            return this;
        }

        public Builder syncMode(boolean syncMode) {
            this.syncMode = syncMode;
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

        public GenerationRequest build() {
            return new GenerationRequest(model, personId, clothesIds, promptMode, prompt, promptPresetId,
                    promptPresetTitle, scene, activity, composition, cameraAngle, cameraDistance, lighting, expression,
                    mood, aspectRatio, resolution, outputFormat, numImages, syncMode, timeoutSeconds, webhookUrl, idempotencyKey);
        }
    }
}
