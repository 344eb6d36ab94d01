package ai.vtry.cli;

import java.util.concurrent.Callable;

import ai.vtry.client.model.EditQueued;
import ai.vtry.client.model.EditRequest;
import ai.vtry.client.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vtry edit SOURCE}: one instruction applied to one image. */
@Command(name = "edit", description = "Queue an edit of a generated image (req_...), a cloth (cl_...) or an image URL.")
final class EditCommand implements Callable<Integer> {

    @ParentCommand
    VtryCommand root;

    @Parameters(paramLabel = "JOB|CLOTH|URL", description = "A completed job's id, a cloth's id, or an http(s) "
            + "image URL.")
    String source;

    @Option(names = "--prompt", required = true, description = "The instruction, e.g. \"make the coat navy\".")
    String prompt;

    @Option(names = "--model", description = "NanoBanana (default) or NanoBanana2 (paid plans).")
    Model model;

    @Option(names = "--save-as-clothes", description = "With a cloth: also add the result to the clothes library.")
    boolean saveAsClothes;

    @Mixin
    ImageOptions image;

    @Override
    public Integer call() {
        EditRequest.Builder request = EditRequest.builder().prompt(prompt).model(model).aspectRatio(image.aspectRatio)
                .resolution(image.resolution).outputFormat(image.format);
        if (saveAsClothes) {
            request.saveAsClothes(true);
        }
        if (source.startsWith("req_")) {
            request.jobId(source);
        } else if (source.startsWith("cl_")) {
            request.clothId(source);
        } else if (source.startsWith("http://") || source.startsWith("https://")) {
            request.imageUrl(source);
        } else {
            throw new UsageError("The source must be a job id (req_...), a cloth id "
                    + "(cl_...) or an http(s) URL, not " + source);
        }
        EditQueued queued = root.client().edits().create(request.build());
        return image.finish(root, queued, queued.requestId());
    }
}
