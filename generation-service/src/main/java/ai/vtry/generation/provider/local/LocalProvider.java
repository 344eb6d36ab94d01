package ai.vtry.generation.provider.local;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.vtry.common.image.ImageFormat;
import ai.vtry.common.image.ImageSniffer;
import ai.vtry.generation.provider.CpuPool;
import ai.vtry.generation.provider.ImageProvider;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;
import ai.vtry.generation.provider.Submission;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * The default provider, offline and deterministic: person composites ({@link LocalCompositor}),
 * garment extraction ({@link GarmentCutout}), generations ({@link LocalGeneration}) and edits
 * ({@link LocalEdit}), with the output shape from the NanoBanana2 options ({@link OutputShape}). It
 * answers at once, so there is nothing to poll.
 */
// Typed: injected as ImageProvider only through ProviderSelection, which picks one implementation.
@Typed(LocalProvider.class)
@ApplicationScoped
public class LocalProvider implements ImageProvider {

    public static final String NAME = "local";

    /** The most images one generation or edit may ask for (numImages). */
    static final int MAX_IMAGES = 4;

    private final CpuPool cpu;
    private final Duration delay;

    public LocalProvider(CpuPool cpu, @ConfigProperty(name = "vtry.local-provider.delay-ms", defaultValue = "0") long delayMs) {
        this.cpu = cpu;
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
        // Renders queue for the CPU pool: hundreds of jobs in flight never render all at once.
        return wait.chain(() -> cpu.run(() -> render(task)))
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

    /** Renders the task; bad input (no or undecodable images, unknown options) is a failed outcome, not an exception. */
    static Outcome render(ImageTask task) {
        try {
            return switch (task.kind()) {
                case PERSON_COMPOSE -> compose(task);
                case CLOTHES_EXTRACT -> extract(task);
                case GENERATION -> generate(task);
                case EDIT -> edit(task);
                default -> new Outcome.Failed("unsupportedKind",
                        "The local provider cannot run " + task.kind().wireName() + " jobs", false);
            };
        } catch (InvalidInput e) {
            return new Outcome.Failed("invalidInput", e.getMessage(), false);
        }
    }

    private static Outcome compose(ImageTask task) {
        if (task.images().isEmpty()) {
            throw new InvalidInput("A person composite needs at least one reference image");
        }
        List<BufferedImage> references = decodeAll(task, i -> "reference " + (i + 1));
        BufferedImage composite = LocalCompositor.personComposite(references, task.prompt());
        return done(task, List.of(composite), Map.of("provider", NAME, "references", references.size()));
    }

    /** The garment of the first input on a white square; its side follows the resolution option (1K, 2K, 4K). */
    private static Outcome extract(ImageTask task) {
        if (task.images().isEmpty()) {
            throw new InvalidInput("An extraction needs an input image");
        }
        int side = option(() -> OutputShape.longSide(task.option("resolution", null)));
        GarmentCutout.Result cut = GarmentCutout.extract(decode(task, 0, "the garment picture"), side);
        return done(task, List.of(cut.image()), Map.of("provider", NAME, "background", cut.backgroundHex(),
                "garment", Map.of("x", cut.x(), "y", cut.y(), "width", cut.width(), "height", cut.height())));
    }

    /**
     * Look sheets standing in for a try-on ({@link LocalGeneration}): the inputs are the person
     * composite, then 1 to 7 clothes. {@code auto} or no aspect ratio gives a 3:4 portrait.
     */
    private static Outcome generate(ImageTask task) {
        int clothes = task.images().size() - 1;
        if (clothes < 1 || clothes > LocalGeneration.MAX_CLOTHES) {
            throw new InvalidInput("A generation needs the person composite and 1 to " + LocalGeneration.MAX_CLOTHES
                    + " clothes, got " + task.images().size() + " images");
        }
        OutputShape shape = option(() -> OutputShape.of(task.option("aspectRatio", null), task.option("resolution", null),
                OutputShape.GENERATION_DEFAULT));
        int variants = numImages(task);
        List<BufferedImage> inputs = decodeAll(task, i -> i == 0 ? "the person composite" : "cloth " + i);
        List<BufferedImage> images = LocalGeneration.render(inputs.get(0), inputs.subList(1, inputs.size()), task.prompt(),
                shape, variants);
        return done(task, images, Map.of("provider", NAME, "aspectRatio", shape.aspectRatio(), "items", clothes,
                "variants", variants));
    }

    /** The source re-framed and tinted by the prompt ({@link LocalEdit}); {@code auto} keeps the listed ratio nearest the source's. */
    private static Outcome edit(ImageTask task) {
        if (task.images().isEmpty()) {
            throw new InvalidInput("An edit needs a source image");
        }
        BufferedImage source = decode(task, 0, "the source image");
        OutputShape shape = option(() -> OutputShape.of(task.option("aspectRatio", null), task.option("resolution", null),
                OutputShape.nearestRatio(source.getWidth(), source.getHeight())));
        int variants = numImages(task);
        List<BufferedImage> images = LocalEdit.render(source, task.prompt(), shape, variants);
        return done(task, images, Map.of("provider", NAME, "aspectRatio", shape.aspectRatio(), "variants", variants));
    }

    /** The {@code numImages} option: 1 to 4, absent 1. */
    static int numImages(ImageTask task) {
        Object value = task.options() == null ? null : task.options().get("numImages");
        if (value == null) {
            return 1;
        }
        long n = 0; // JSON gives an Integer; a form or a string option may give "2"
        if (value instanceof Number number) {
            n = number.doubleValue() == number.longValue() ? number.longValue() : 0;
        } else if (value.toString().strip().matches("\\d{1,9}")) {
            n = Long.parseLong(value.toString().strip());
        }
        if (n < 1 || n > MAX_IMAGES) {
            throw new InvalidInput("numImages must be a whole number from 1 to " + MAX_IMAGES + ", not " + value);
        }
        return (int) n;
    }

    /** Parses an option; a value it refuses makes the job's input invalid. */
    private static <T> T option(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /**
     * Inputs are decoded to about this long side at most: the renders draw them no larger than a 2K
     * panel, and a full 18 MP input would take 72 MB per image (a generation has up to eight).
     */
    private static final int INPUT_SIDE = 2048;

    /** Every input decoded once, in order; {@code role} names an input for the error message. */
    private static List<BufferedImage> decodeAll(ImageTask task, IntFunction<String> role) {
        List<BufferedImage> images = new ArrayList<>(task.images().size());
        for (int i = 0; i < task.images().size(); i++) {
            images.add(decode(task, i, role.apply(i)));
        }
        return images;
    }

    private static BufferedImage decode(ImageTask task, int index, String role) {
        byte[] bytes = task.images().get(index);
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInput("Input " + (index + 1) + " (" + role + ") is empty");
        }
        try {
            return ImageSniffer.decode(bytes, INPUT_SIDE);
        } catch (RuntimeException e) { // ImageIO and its plugins fail on corrupt data in many ways
            throw new InvalidInput("Input " + (index + 1) + " (" + role + ") is not a decodable JPEG, PNG or WebP image");
        }
    }

    private static Outcome done(ImageTask task, List<BufferedImage> images, Map<String, Object> details) {
        ImageFormat format = "png".equals(task.option("outputFormat", "jpeg")) ? ImageFormat.PNG : ImageFormat.JPEG;
        List<Outcome.GeneratedImage> encoded = images.stream()
                .map(image -> new Outcome.GeneratedImage(LocalCompositor.encode(image, format), format, image.getWidth(),
                        image.getHeight()))
                .toList();
        return new Outcome.Done(encoded, details);
    }

    /** Input the provider cannot work with: the job fails for good with {@code invalidInput}. */
    static final class InvalidInput extends RuntimeException {

        InvalidInput(String message) {
            super(message, null, false, false);
        }
    }
}
