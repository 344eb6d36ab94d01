package ai.vtry.generation.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.fetch.FetchedImage;
import ai.vtry.common.fetch.HttpUrls;
import ai.vtry.common.fetch.SafeUrlFetcher;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.generation.lookup.InputLookup;
import ai.vtry.jobclient.Jobs;
import ai.vtry.jobapi.JobTimeout;
import ai.vtry.jobapi.JobWebhook;
import ai.vtry.jobapi.NewJob;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code POST /api/v1/edits}: one source image (a finished job's image, a cloth, or an image URL that
 * we fetch safely and keep) and one instruction. With {@code saveAsClothes} and a cloth as source,
 * clothes-service adds the result to the library when the job completes (it reads the job's
 * parameters from the job-completed event). A fetched image is deleted when job-completed says its
 * job is over.
 */
@ApplicationScoped
public class EditService {

    /** The part of an input key after its prefix: a UUID and an extension, never a path. */
    private static final Pattern INPUT_NAME = Pattern.compile("[0-9a-f-]{36}\\.[a-z]+");

    /**
     * Where a fetched source image is kept: it is the job's input and must outlive the request. The
     * job's parameters name it (inputKey), so it is deleted once the job is over.
     */
    static String inputKey(String workspaceId, String extension) {
        return inputPrefix(workspaceId) + UUID.randomUUID() + "." + extension;
    }

    private static String inputPrefix(String workspaceId) {
        return "edits/" + workspaceId + "/inputs/";
    }

    public record Source(String type, String id) {
    }

    public record Queued(String requestId, Source source, String prompt) {
    }

    private final InputLookup lookup;
    private final Jobs jobs;
    private final SafeUrlFetcher fetcher;
    private final ObjectStorage storage;
    private final Vertx vertx;

    public EditService(InputLookup lookup, Jobs jobs, SafeUrlFetcher fetcher, ObjectStorage storage, Vertx vertx) {
        this.lookup = lookup;
        this.jobs = jobs;
        this.fetcher = fetcher;
        this.storage = storage;
        this.vertx = vertx;
    }

    private record Valid(GenerationModel model, String instruction, Source source, ImageOptions options,
            boolean saveAsClothes, Integer timeoutSeconds, String webhookUrl) {
    }

    /** The resolved input: its storage key, the URL it came from (imageUrl only), and a cloth's source page. */
    private record Input(String key, String sourceUrl, String clothSourceUrl, boolean ours) {
    }

    public Uni<Queued> submit(Caller caller, EditRequest body) {
        Valid valid = validate(body);
        if (valid.model().paidOnly() && !caller.paidPlan()) {
            throw ApiException.forbidden("planRequired", valid.model().name() + " requires a paid plan");
        }
        return input(caller, valid.source())
                .chain(input -> jobs.create(job(valid, input))
                        .onFailure().call(() -> input.ours() ? removeQuietly(input.key()) : Uni.createFrom().voidItem()))
                .map(requestId -> new Queued(requestId, valid.source(), valid.instruction()));
    }

    private static Valid validate(EditRequest body) {
        if (body == null) {
            throw ApiException.validation("body", "A JSON body is required");
        }
        FieldErrors errors = new FieldErrors();
        GenerationModel model = GenerationModel.parse(errors, "model", body.model(), GenerationModel.NanoBanana);
        String instruction = blankToNull(body.prompt());
        if (instruction == null) {
            errors.add("prompt", "prompt is required: one edit instruction, e.g. \"change the jacket color to navy\"");
        } else if (instruction.length() > PromptComposer.MAX_PROMPT) {
            errors.add("prompt", "prompt must be at most " + PromptComposer.MAX_PROMPT + " characters");
        }
        Source source = source(errors, blankToNull(body.imageUrl()), blankToNull(body.jobId()), blankToNull(body.clothId()));
        boolean saveAsClothes = Boolean.TRUE.equals(body.saveAsClothes());
        if (saveAsClothes && source != null && !source.type().equals("cloth")) {
            errors.add("saveAsClothes", "saveAsClothes needs clothId as the source");
        }
        ImageOptions options = ImageOptions.parse(errors, model, body.aspectRatio(), body.resolution(),
                body.outputFormat(), null, null);
        Integer timeoutSeconds = JobTimeout.check(errors, body.timeoutSeconds());
        String webhookUrl = JobWebhook.check(errors, body.webhookUrl());
        errors.throwIfAny();
        return new Valid(model, instruction, source, options, saveAsClothes, timeoutSeconds, webhookUrl);
    }

    private static Source source(FieldErrors errors, String imageUrl, String jobId, String clothId) {
        int given = (imageUrl != null ? 1 : 0) + (jobId != null ? 1 : 0) + (clothId != null ? 1 : 0);
        if (given == 0) {
            errors.add("imageUrl", "One source is required: imageUrl, jobId or clothId");
            return null;
        }
        if (given > 1) {
            String onlyOne = "Provide exactly one of imageUrl, jobId or clothId";
            if (imageUrl != null) {
                errors.add("imageUrl", onlyOne);
            }
            if (jobId != null) {
                errors.add("jobId", onlyOne);
            }
            if (clothId != null) {
                errors.add("clothId", onlyOne);
            }
            return null;
        }
        if (imageUrl != null) {
            if (!HttpUrls.isAbsoluteHttp(imageUrl)) {
                errors.add("imageUrl", "imageUrl must be an absolute http or https URL");
                return null;
            }
            return new Source("url", imageUrl);
        }
        return jobId != null ? new Source("job", jobId) : new Source("cloth", clothId);
    }

    private Uni<Input> input(Caller caller, Source source) {
        return switch (source.type()) {
            case "job" -> lookup.job(source.id()).map(job -> {
                if (!"COMPLETED".equals(job.status()) || job.imageKeys() == null || job.imageKeys().isEmpty()) {
                    throw new ApiException(400, "sourceNotReady", "Job " + job.id() + " has no image to edit (status "
                            + job.status() + "); edit it once it is COMPLETED", Map.of("jobId", job.id()));
                }
                return new Input(job.imageKeys().get(0), null, null, false);
            });
            case "cloth" -> lookup.clothes(List.of(source.id()), "clothId")
                    .map(found -> new Input(found.get(0).imageKey(), null, found.get(0).sourceUrl(), false));
            default -> vertx.executeBlocking(Uni.createFrom().item(() -> fetchAndStore(caller, source.id())));
        };
    }

    /** Fetched through the SSRF-safe fetcher and checked by content, then kept as the job's input. */
    private Input fetchAndStore(Caller caller, String url) {
        try (FetchedImage image = fetcher.fetchImage(url, null)) {
            String key = inputKey(caller.workspaceId(), image.info().extension());
            storage.put(key, image.fetched().file(), image.info().contentType());
            return new Input(key, url, null, true);
        }
    }

    private static NewJob job(Valid valid, Input input) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model", valid.model().name());
        parameters.put("source", Map.of("type", valid.source().type(), "id", valid.source().id()));
        parameters.put("instruction", valid.instruction());
        parameters.putAll(valid.options().asMap());
        if (input.ours()) {
            // Read back from job-completed: the fetched image is deleted once the job is over.
            parameters.put("inputKey", input.key());
        }
        if (valid.webhookUrl() != null) {
            parameters.put(JobWebhook.FIELD, valid.webhookUrl());
        }
        if (valid.saveAsClothes()) {
            // Read by clothes-service when the job completes: the result becomes a cloth.
            parameters.put("saveAsClothes", true);
            if (input.clothSourceUrl() != null) {
                parameters.put("sourceUrl", input.clothSourceUrl());
            }
        }
        return new NewJob(JobKind.EDIT, valid.model().name(), EditPrompt.of(valid.instruction()), parameters,
                valid.options().asMap(), List.of(input.key()), input.sourceUrl(), valid.timeoutSeconds());
    }

    /**
     * Deletes a finished imageUrl edit's fetched input, whoever finished the job (the worker, or
     * job-service's sweeper). Idempotent: a replayed event deletes a missing object, which is fine.
     */
    public Uni<Void> removeInput(JobCompleted event) {
        String key = finishedInput(event);
        return key == null ? Uni.createFrom().voidItem() : removeQuietly(key);
    }

    /**
     * The input a finished edit names, if it is one we fetched: only a key of {@link #inputKey}'s shape in
     * the job's own workspace. A job or cloth source is never named there, and could not match anyway.
     */
    private static String finishedInput(JobCompleted event) {
        if (event.kind() != JobKind.EDIT || event.status() == null || !event.status().terminal()
                || event.workspaceId() == null || event.parameters() == null
                || !(event.parameters().get("inputKey") instanceof String key)) {
            return null;
        }
        String prefix = inputPrefix(event.workspaceId());
        return key.startsWith(prefix) && INPUT_NAME.matcher(key.substring(prefix.length())).matches() ? key : null;
    }

    private Uni<Void> removeQuietly(String key) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                storage.delete(key);
            } catch (RuntimeException e) {
                Log.warnf("Could not remove an edit input: %s", e.getMessage());
            }
            return null;
        })).replaceWithVoid();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
