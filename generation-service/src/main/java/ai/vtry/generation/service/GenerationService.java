package ai.vtry.generation.service;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.event.JobKind;
import ai.vtry.generation.lookup.ClothInputs;
import ai.vtry.generation.lookup.InputLookup;
import ai.vtry.generation.lookup.PersonInputs;
import ai.vtry.jobclient.Jobs;
import ai.vtry.jobapi.JobTimeout;
import ai.vtry.jobapi.JobWebhook;
import ai.vtry.jobapi.NewJob;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code POST /api/v1/generations}: validates every rule of the reference (400 naming each field,
 * then 403 for a paid-only model), finds the person's composite and the clothes' images in their
 * services, composes the provider prompt and queues the job. The work itself happens in a worker.
 */
@ApplicationScoped
public class GenerationService {

    /** What the caller gets back: the job to poll and, for transparency, the final prompt. */
    public record Queued(String requestId, String personId, List<String> clothesIds, String promptMode, String prompt) {
    }

    private final PromptComposer composer;
    private final InputLookup lookup;
    private final Jobs jobs;

    public GenerationService(PromptComposer composer, InputLookup lookup, Jobs jobs) {
        this.composer = composer;
        this.lookup = lookup;
        this.jobs = jobs;
    }

    public Uni<Queued> submit(Caller caller, GenerationRequest body) {
        Valid valid = validate(body);
        if (valid.model().paidOnly() && !caller.paidPlan()) {
            throw ApiException.forbidden("planRequired", valid.model().name() + " requires a paid plan");
        }
        return Uni.combine().all().unis(lookup.person(valid.personId()), lookup.clothes(valid.clothesIds(), "clothesIds"))
                .with((person, clothes) -> job(valid, person, clothes))
                .chain(jobs::create)
                .map(requestId -> new Queued(requestId, valid.personId(), valid.clothesIds(), valid.prompt().mode().wire(),
                        valid.prompt().text()));
    }

    private record Valid(GenerationModel model, String personId, List<String> clothesIds, ComposedPrompt prompt,
            ImageOptions options, Integer timeoutSeconds, String webhookUrl) {
    }

    private Valid validate(GenerationRequest body) {
        if (body == null) {
            throw ApiException.validation("body", "A JSON body is required");
        }
        FieldErrors errors = new FieldErrors();
        GenerationModel model = GenerationModel.parse(errors, "model", body.model(), null);
        String personId = body.personId() == null || body.personId().isBlank() ? null : body.personId().strip();
        if (personId == null) {
            errors.add("personId", "personId is required");
        }
        List<String> clothesIds = clothesIds(errors, model, body.clothesIds());
        ImageOptions options = ImageOptions.parse(errors, model, body.aspectRatio(), body.resolution(),
                body.outputFormat(), body.numImages(), body.syncMode());
        ComposedPrompt prompt = composer.compose(new PromptRequest(body.promptMode(), body.prompt(), body.promptPresetId(),
                body.promptPresetTitle(), body.scene(), body.activity(), body.composition(), body.cameraAngle(),
                body.cameraDistance(), body.lighting(), body.expression(), body.mood(),
                clothesIds == null ? 1 : clothesIds.size()), errors);
        Integer timeoutSeconds = JobTimeout.check(errors, body.timeoutSeconds());
        String webhookUrl = JobWebhook.check(errors, body.webhookUrl());
        errors.throwIfAny();
        return new Valid(model, personId, clothesIds, prompt, options, timeoutSeconds, webhookUrl);
    }

    private static List<String> clothesIds(FieldErrors errors, GenerationModel model, List<String> sent) {
        if (sent == null || sent.isEmpty()) {
            errors.add("clothesIds", "clothesIds is required: one or more cloth ids from GET /api/v1/clothes");
            return null;
        }
        if (sent.stream().anyMatch(id -> id == null || id.isBlank())) {
            errors.add("clothesIds", "clothesIds must not contain empty ids");
            return null;
        }
        List<String> ids = sent.stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        List<String> repeated = ids.stream().filter(id -> !seen.add(id)).distinct().toList();
        if (!repeated.isEmpty()) {
            errors.add("clothesIds", "clothesIds lists " + String.join(", ", repeated) + " more than once");
        }
        int max = model == null ? GenerationModel.NanoBanana2.maxClothes() : model.maxClothes();
        if (ids.size() > max) {
            errors.add("clothesIds", (model == null ? "At most " + max + " clothes items are supported"
                    : model.name() + " supports at most " + max + " clothes items") + "; got " + ids.size());
        }
        return ids;
    }

    private static NewJob job(Valid valid, PersonInputs person, List<ClothInputs> clothes) {
        if (person.compositeKey() == null) {
            throw new ApiException(400, "compositeRequired", "Person " + person.id()
                    + " has no composite yet: call POST /api/v1/persons/" + person.id()
                    + "/compose and wait for its job to complete, then generate", Map.of("personId", person.id()));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model", valid.model().name());
        parameters.put("personId", valid.personId());
        parameters.put("clothesIds", valid.clothesIds());
        parameters.put("promptMode", valid.prompt().mode().wire());
        if (valid.prompt().presetId() != null) {
            parameters.put("promptPresetId", valid.prompt().presetId());
        }
        parameters.putAll(valid.options().asMap());
        if (valid.webhookUrl() != null) {
            parameters.put(JobWebhook.FIELD, valid.webhookUrl());
        }
        // The prompt refers to the images by position: the composite first, then the clothes as listed.
        List<String> imageKeys = Stream.concat(Stream.of(person.compositeKey()), clothes.stream().map(ClothInputs::imageKey))
                .toList();
        return new NewJob(JobKind.GENERATION, valid.model().name(), valid.prompt().text(), parameters,
                valid.options().asMap(), imageKeys, null, valid.timeoutSeconds());
    }
}
