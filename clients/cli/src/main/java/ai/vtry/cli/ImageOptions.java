package ai.vtry.cli;

import java.nio.file.Path;

import ai.vtry.client.model.AspectRatio;
import ai.vtry.client.model.OutputFormat;
import ai.vtry.client.model.Resolution;
import picocli.CommandLine.Option;

/** The options of the commands that make an image (generate, edit): its shape, and waiting for it. */
final class ImageOptions {

    @Option(names = "--aspect-ratio", description = "auto, 21:9, 16:9, 3:2, 4:3, 5:4, 1:1, 4:5, 3:4, 2:3 or 9:16.")
    AspectRatio aspectRatio;

    @Option(names = "--resolution", description = "NanoBanana2 only: 1K, 2K or 4K.")
    Resolution resolution;

    @Option(names = "--format", description = "jpeg (default) or png.")
    OutputFormat format;

    @Option(names = "--wait", description = "Wait for the job; exit 0 only if it COMPLETED.")
    boolean wait;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save the image here (implies --wait).")
    Path output;

    /** Waits for the job (saving its image with -o), or prints the answer that queued it. */
    int finish(VtryCommand root, Object queued, String requestId) {
        return wait || output != null ? root.awaitJob(requestId, output) : root.printQueued(queued, requestId);
    }
}
