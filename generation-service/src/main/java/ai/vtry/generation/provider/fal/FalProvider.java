package ai.vtry.generation.provider.fal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.generation.config.FalConfig;
import ai.vtry.generation.provider.CpuPool;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.Submission;
import ai.vtry.generation.provider.remote.CallBudget;
import ai.vtry.generation.provider.remote.CallMetrics;
import ai.vtry.generation.provider.remote.ImageResults;
import ai.vtry.generation.provider.remote.ProviderFailure;
import ai.vtry.generation.provider.remote.ProviderFailures;
import ai.vtry.generation.provider.remote.RemoteHttp;
import ai.vtry.generation.provider.remote.TaskOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * fal's queue API (nano-banana and nano-banana-2 edit endpoints). {@code submit} uploads the inputs
 * and queues the request, returning its handle; {@code poll} asks for its status and, once it is
 * completed, downloads the images. Every failure comes back as an {@link Outcome.Failed}.
 */
public final class FalProvider implements ImageProvider, AutoCloseable {

    public static final String NAME = "fal";

    private final FalConfig config;
    private final RemoteHttp http;
    private final FalStorageUpload storage;
    private final FalQueueClient queue;
    private final CallMetrics metrics;
    private final CpuPool cpu;
    private final Optional<String> webhookUrl;

    /** @param webhookUrl where fal calls back when a request ends (the gateway's /webhooks/fal), if anywhere */
    public FalProvider(FalConfig config, MeterRegistry registry, CpuPool cpu, Optional<String> webhookUrl) {
        String key = config.key().filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("VTRY_PROVIDER=fal needs FAL_KEY"));
        this.config = config;
        this.http = new RemoteHttp(config.connectTimeout());
        FalJson json = new FalJson(new ObjectMapper());
        FalErrors errors = new FalErrors(json.mapper(), key);
        this.storage = new FalStorageUpload(http, json, errors, config.storageUrl(), key);
        this.queue = new FalQueueClient(http, json, errors, config.queueUrl(), key, config.objectTtl(), webhookUrl);
        this.webhookUrl = webhookUrl;
        this.metrics = new CallMetrics(registry, NAME);
        this.cpu = cpu;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Submission> submit(ImageTask task) {
        long start = System.nanoTime();
        String model = modelTag(task.model());
        Uni<Submission> run = Uni.createFrom().deferred(() -> {
            String endpoint = config.models().get(task.model());
            if (endpoint == null) {
                throw new ProviderFailure(ProviderFailures.misconfigured("No fal endpoint configured for the model "
                        + ProviderFailures.sanitize(task.model(), null) + " (vtry.fal.models)"));
            }
            CallBudget budget = new CallBudget(config.callTimeout(), task.deadline());
            budget.next(); // past the deadline: nothing is uploaded or billed
            TaskOptions options = TaskOptions.of(task);
            return uploads(task.images(), budget)
                    .chain(urls -> queue.submit(endpoint, FalRequest.body(task.prompt(), urls, options), budget))
                    .map(accepted -> new Submission(NAME, new FalHandle(accepted.requestId(), accepted.statusUrl(),
                            accepted.responseUrl(), accepted.cancelUrl(), task.model(), options.outputFormat(),
                            task.deadline()).toMap(), null));
        }).onFailure().recoverWithItem(failure -> Submission.finished(NAME, ProviderFailures.of(failure, NAME)))
                .invoke(submission -> metrics.record(model, submission.immediateOutcome() == null ? CallMetrics.OK
                        : CallMetrics.outcomeOf(submission.immediateOutcome()), start));
        return RemoteHttp.onCaller(run);
    }

    @Override
    public Uni<Outcome> poll(Submission submission) {
        if (submission.immediateOutcome() != null) {
            return Uni.createFrom().item(submission.immediateOutcome());
        }
        long start = System.nanoTime();
        FalHandle handle = FalHandle.of(submission.handle());
        Uni<Outcome> run = Uni.createFrom().deferred(() -> {
            CallBudget budget = new CallBudget(config.callTimeout(), handle.deadline());
            return queue.status(handle, budget).chain(status -> switch (status.path("status").asText("")) {
                case "IN_QUEUE" -> Uni.createFrom().item((Outcome) (status.path("queue_position").canConvertToInt()
                        ? Outcome.Pending.queued(status.path("queue_position").asInt()) : new Outcome.Pending()));
                case "IN_PROGRESS" -> Uni.createFrom().item((Outcome) Outcome.Pending.running());
                case "COMPLETED" -> queue.result(handle, budget).chain(result -> done(handle, result, budget));
                default -> Uni.createFrom().item((Outcome) ProviderFailures.unavailable(
                        "fal reported the status " + ProviderFailures.sanitize(status.path("status").asText(""), null)));
            });
        }).onFailure().recoverWithItem(failure -> ProviderFailures.of(failure, NAME))
                .invoke(outcome -> {
                    if (!(outcome instanceof Outcome.Pending)) {
                        metrics.record(modelTag(handle.model()), CallMetrics.outcomeOf(outcome), start);
                    }
                });
        return RemoteHttp.onCaller(run);
    }

    @Override
    public Uni<Void> cancel(Submission submission) {
        if (submission.immediateOutcome() != null) {
            return Uni.createFrom().voidItem();
        }
        FalHandle handle = FalHandle.of(submission.handle());
        // Cancelling comes after the deadline, so only the call timeout bounds it.
        Uni<Void> run = Uni.createFrom().deferred(() -> queue.cancel(handle, new CallBudget(config.callTimeout(), null)))
                .onFailure().invoke(failure -> Log.debugf("fal cancel of %s failed: %s", handle.requestId(),
                        failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
        return RemoteHttp.onCaller(run);
    }

    @Override
    public boolean callsBack() {
        return webhookUrl.isPresent();
    }

    @Override
    public Optional<String> callbackId(Submission submission) {
        return callsBack() && submission.immediateOutcome() == null
                ? Optional.ofNullable(submission.handle().get("requestId"))
                : Optional.empty();
    }

    private Uni<List<String>> uploads(List<byte[]> images, CallBudget budget) {
        if (images.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<String>> uploads = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            uploads.add(storage.upload(images.get(i), i, budget));
        }
        return Uni.join().all(uploads).andFailFast(); // results keep the inputs' order
    }

    /** Downloads every image of the result and reads (or transcodes) it on the CPU pool. */
    private Uni<Outcome> done(FalHandle handle, JsonNode result, CallBudget budget) {
        List<Uni<Outcome.GeneratedImage>> downloads = new ArrayList<>();
        for (JsonNode image : result.path("images")) {
            String url = image.path("url").asText("");
            downloads.add(queue.download(url, budget)
                    .chain(bytes -> cpu.run(() -> ImageResults.toImage(bytes, handle.outputFormat()))));
        }
        if (downloads.isEmpty()) {
            return Uni.createFrom().item(ProviderFailures.noImage());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", NAME);
        details.put("model", handle.model());
        details.put("requestId", handle.requestId());
        String description = result.path("description").asText("");
        if (!description.isBlank()) {
            details.put("description", ProviderFailures.sanitize(description, null));
        }
        return Uni.join().all(downloads).andFailFast().map(images -> new Outcome.Done(images, details));
    }

    /** Our model name as a metric tag; anything unconfigured is one value, so tags stay few. */
    private String modelTag(String model) {
        return model != null && config.models().containsKey(model) ? model : "other";
    }

    @Override
    public void close() {
        http.close();
    }
}
