package ai.vtry.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import ai.vtry.client.model.AspectRatio;
import ai.vtry.client.model.GenerationQueued;
import ai.vtry.client.model.GenerationRequest;
import ai.vtry.client.model.Model;
import ai.vtry.client.model.OutputFormat;
import ai.vtry.client.model.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vtry generate}: a virtual try-on. */
@Command(name = "generate", description = "Queue a try-on: the composed person wearing the clothes, in a scene.")
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    VtryCommand root;

    @Option(names = "--person", required = true, description = "A composed person's id (pr_...).")
    String personId;

    @Option(names = "--cloth", required = true, description = "A cloth id (cl_...); repeat for more, in prompt order.")
    List<String> clothes;

    @Option(names = "--scene", description = "Where, e.g. \"a rainy street in Paris\".")
    String scene;

    @Option(names = "--preset", paramLabel = "ID", description = "A prompt preset id (GET /api/v1/prompt-presets).")
    String preset;

    @Option(names = "--prompt", description = "An extra instruction.")
    String prompt;

    @Option(names = "--model", defaultValue = "NanoBanana",
            description = "NanoBanana (default) or NanoBanana2 (paid plans).")
    Model model;

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

    @Override
    public Integer call() {
        GenerationRequest request = GenerationRequest.builder().model(model).personId(personId).clothesIds(clothes)
                .scene(scene).promptPresetId(preset).prompt(prompt).aspectRatio(aspectRatio).resolution(resolution)
                .outputFormat(format).build();
        GenerationQueued queued = root.client().generations().create(request);
        if (wait || output != null) {
            return root.awaitJob(queued.requestId(), output);
        }
        if (root.json) {
            root.printJson(queued);
        } else {
            root.env.out().println(queued.requestId());
        }
        return VtryCommand.OK;
    }
}
