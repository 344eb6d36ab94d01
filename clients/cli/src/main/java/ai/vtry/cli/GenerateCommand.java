package ai.vtry.cli;

import java.util.List;
import java.util.concurrent.Callable;

import ai.vtry.client.model.GenerationQueued;
import ai.vtry.client.model.GenerationRequest;
import ai.vtry.client.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ImageOptions image;

    @Override
    public Integer call() {
        GenerationRequest request = GenerationRequest.builder().model(model).personId(personId).clothesIds(clothes)
                .scene(scene).promptPresetId(preset).prompt(prompt).aspectRatio(image.aspectRatio)
                .resolution(image.resolution).outputFormat(image.format).build();
        GenerationQueued queued = root.client().generations().create(request);
        return image.finish(root, queued, queued.requestId());
    }
}
