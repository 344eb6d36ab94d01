package ai.vtry.generation.provider.local;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

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
        return switch (task.kind()) {
            case PERSON_COMPOSE -> compose(task);
            case CLOTHES_EXTRACT -> extract(task);
            default -> new Outcome.Failed("unsupportedKind",
                    "The local provider cannot run " + task.kind().wireName() + " jobs yet", false);
        };
    }

    private static Outcome compose(ImageTask task) {
        List<BufferedImage> references = task.images().stream().map(LocalCompositor::decode).toList();
        BufferedImage composite = LocalCompositor.personComposite(references, task.prompt());
        return done(task, composite, Map.of("provider", NAME, "references", references.size()));
    }

    /** The garment of the first input on a white square; its side follows the resolution option (1K, 2K, 4K). */
    private static Outcome extract(ImageTask task) {
        if (task.images().isEmpty()) {
            return new Outcome.Failed("invalidInput", "An extraction needs an input image", false);
        }
        GarmentCutout.Result cut = GarmentCutout.extract(LocalCompositor.decode(task.images().get(0)),
                side(task.option("resolution", "1K")));
        return done(task, cut.image(), Map.of("provider", NAME, "background", cut.backgroundHex(),
                "garment", Map.of("x", cut.x(), "y", cut.y(), "width", cut.width(), "height", cut.height())));
    }

    static int side(String resolution) {
        return switch (resolution) {
            case "2K" -> 2048;
            case "4K" -> 4096;
            default -> 1024;
        };
    }

    private static Outcome done(ImageTask task, BufferedImage image, Map<String, Object> details) {
        ImageFormat format = "png".equals(task.option("outputFormat", "jpeg")) ? ImageFormat.PNG : ImageFormat.JPEG;
        byte[] bytes = LocalCompositor.encode(image, format);
        return new Outcome.Done(List.of(new Outcome.GeneratedImage(bytes, format, image.getWidth(), image.getHeight())),
                details);
    }
}
