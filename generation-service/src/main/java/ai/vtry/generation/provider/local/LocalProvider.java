package ai.vtry.generation.provider.local;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.Submission;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The default provider: {@link LocalCompositor}, offline. It answers at once, so there is nothing to poll. */
// Typed: injected as ImageProvider only through ProviderSelection, which picks one implementation.
@Typed(LocalProvider.class)
@ApplicationScoped
public class LocalProvider implements ImageProvider {

    public static final String NAME = "local";

    private final Vertx vertx;
    private final Duration delay;

    public LocalProvider(Vertx vertx, @ConfigProperty(name = "vtry.local-provider.delay-ms", defaultValue = "0") long delayMs) {
        this.vertx = vertx;
        this.delay = Duration.ofMillis(delayMs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Submission> submit(ImageTask task) {
        // The delay lets people watch a job sit in PROCESSING (VTRY_LOCAL_PROVIDER_DELAY_MS); it blocks no thread.
        Uni<Void> wait = delay.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        return wait.chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> render(task))))
                .map(outcome -> Submission.finished(NAME, outcome));
    }

    @Override
    public Uni<Outcome> poll(Submission submission) {
        return Uni.createFrom().item(submission.immediateOutcome());
    }

    @Override
    public Uni<Void> cancel(Submission submission) {
        return Uni.createFrom().voidItem();
    }

    static Outcome render(ImageTask task) {
        if (task.kind() != JobKind.PERSON_COMPOSE) {
            return new Outcome.Failed("unsupportedKind", "The local provider cannot run " + task.kind().wireName() + " jobs yet", false);
        }
        List<BufferedImage> references = task.images().stream().map(LocalCompositor::decode).toList();
        BufferedImage composite = LocalCompositor.personComposite(references, task.prompt());
        ImageFormat format = "png".equals(task.option("outputFormat", "jpeg")) ? ImageFormat.PNG : ImageFormat.JPEG;
        byte[] bytes = LocalCompositor.encode(composite, format);
        return new Outcome.Done(List.of(new Outcome.GeneratedImage(bytes, format, composite.getWidth(), composite.getHeight())),
                Map.of("provider", NAME, "references", references.size()));
    }
}
