package ai.vtry.generation.provider.gemini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.config.GeminiConfig;
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
import io.smallrye.mutiny.Uni;

/**
 * Gemini's generateContent, called directly. It answers with the image, so {@code submit} returns a
 * finished submission; {@code numImages} N means N calls in parallel (one image each).
 */
public final class GeminiProvider implements ImageProvider, AutoCloseable {

    public static final String NAME = "gemini";

    private final GeminiConfig config;
    private final String key;
    private final String baseUrl;
    private final ObjectMapper json = new ObjectMapper();
    private final RemoteHttp http;
    private final GeminiErrors errors;
    private final CallMetrics metrics;
    private final CpuPool cpu;

    public GeminiProvider(GeminiConfig config, MeterRegistry registry, CpuPool cpu) {
        this.key = config.key().filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("VTRY_PROVIDER=gemini needs GEMINI_API_KEY"));
        this.config = config;
        this.baseUrl = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        this.http = new RemoteHttp(config.connectTimeout());
        this.errors = new GeminiErrors(json, key);
        this.metrics = new CallMetrics(registry, NAME);
        this.cpu = cpu;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Submission> submit(ImageTask task) {
        Uni<Outcome> run = Uni.createFrom().deferred(() -> {
            String model = config.models().get(task.model());
            if (model == null) {
                throw new ProviderFailure(ProviderFailures.misconfigured("No Gemini model configured for the model "
                        + ProviderFailures.sanitize(task.model(), null) + " (vtry.gemini.models)"));
            }
            CallBudget budget = new CallBudget(config.callTimeout(), task.deadline());
            budget.next(); // past the deadline: nothing is called or billed
            TaskOptions options = TaskOptions.of(task);
            // Base64 of up to 8 photos: CPU work, on the CPU pool.
            return cpu.run(() -> write(GeminiRequest.body(task.prompt(), task.images(), options)))
                    .chain(body -> {
                        List<Uni<Outcome>> calls = new ArrayList<>();
                        for (int i = 0; i < options.numImages(); i++) {
                            calls.add(call(model, task.model(), body, options.outputFormat(), budget));
                        }
                        return Uni.join().all(calls).andFailFast();
                    })
                    .map(GeminiProvider::combine);
        }).onFailure().recoverWithItem(failure -> ProviderFailures.of(failure, NAME));
        return RemoteHttp.onCaller(run.map(outcome -> Submission.finished(NAME, outcome)));
    }

    @Override
    public Uni<Outcome> poll(Submission submission) {
        return Uni.createFrom().item(submission.immediateOutcome() != null ? submission.immediateOutcome()
                : ProviderFailures.unavailable("Nothing to poll: Gemini answers at once"));
    }

    @Override
    public Uni<Void> cancel(Submission submission) {
        return Uni.createFrom().voidItem(); // nothing runs at Gemini after submit returned
    }

    /** One generateContent call, one image; never fails, its failure is its outcome. */
    private Uni<Outcome> call(String model, String ourModel, byte[] body, ImageFormat format, CallBudget budget) {
        long start = System.nanoTime();
        return Uni.createFrom().deferred(() -> http.send(HttpRequest.newBuilder(
                                URI.create(baseUrl + "/v1beta/models/" + model + ":generateContent"))
                        .header("x-goog-api-key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), budget.next()))
                .chain(response -> {
                    Outcome.Failed failed = errors.classify(response);
                    if (failed != null) {
                        return Uni.createFrom().item((Outcome) failed);
                    }
                    GeminiAnswer answer = GeminiAnswer.of(read(response.body()));
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("provider", NAME);
                    details.put("model", ourModel);
                    if (!answer.text().isBlank()) {
                        details.put("description", ProviderFailures.sanitize(answer.text(), null));
                    }
                    // Gemini answers PNG; transcoded on the CPU pool.
                    return cpu.run(() -> (Outcome) new Outcome.Done(List.of(ImageResults.toImage(answer.image(), format)),
                            details));
                })
                .onFailure().recoverWithItem(failure -> ProviderFailures.of(failure, NAME))
                .invoke(outcome -> metrics.record(config.models().containsKey(ourModel) ? ourModel : "other",
                        CallMetrics.outcomeOf(outcome), start));
    }

    /** All images, or the failure that says the most: one that retrying cannot fix comes first. */
    private static Outcome combine(List<Outcome> outcomes) {
        Outcome.Failed retryable = null;
        List<Outcome.GeneratedImage> images = new ArrayList<>();
        Map<String, Object> details = Map.of();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Failed failed) {
                if (!failed.retryable()) {
                    return failed;
                }
                retryable = retryable == null ? failed : retryable;
            } else if (outcome instanceof Outcome.Done done) {
                images.addAll(done.images());
                details = details.isEmpty() ? done.details() : details;
            }
        }
        return retryable != null ? retryable : new Outcome.Done(images, details);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Gemini answered with unreadable JSON", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
