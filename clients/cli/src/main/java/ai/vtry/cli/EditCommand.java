package ai.vtry.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import ai.vtry.client.model.AspectRatio;
import ai.vtry.client.model.EditQueued;
import ai.vtry.client.model.EditRequest;
import ai.vtry.client.model.Model;
import ai.vtry.client.model.OutputFormat;
import ai.vtry.client.model.Resolution;
import picocli.CommandLine.Command;
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

    @Option(names = "--aspect-ratio", description = "auto, 21:9, 16:9, 3:2, 4:3, 5:4, 1:1, 4:5, 3:4, 2:3 or 9:16.")
    AspectRatio aspectRatio;

    @Option(names = "--resolution", description = "NanoBanana2 only: 1K, 2K or 4K.")
    Resolution resolution;

    @Option(names = "--format", description = "jpeg (default) or png.")
    OutputFormat format;

    @Option(names = "--save-as-clothes", description = "With a cloth: also add the result to the clothes library.")
    boolean saveAsClothes;

    @Option(names = "--wait", description = "Wait for the job; exit 0 only if it COMPLETED.")
    boolean wait;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save the image here (implies --wait).")
    Path output;

    @Override
    public Integer call() {
        EditRequest.Builder request = EditRequest.builder().prompt(prompt).model(model).aspectRatio(aspectRatio)
                .resolution(resolution).outputFormat(format);
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
