package ai.vtry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vtry jobs watch ID}. */
@Command(name = "jobs", description = "Follow jobs.")
final class JobsCommand {

    @ParentCommand
    VtryCommand root;

    @Command(name = "watch", description = "Follow a job until it is final; exit 0 if it COMPLETED, 4 if it FAILED or "
            + "was CANCELLED.")
    int watch(@Parameters(paramLabel = "ID", description = "The job's id (req_...).") String id) {
        return root.awaitJob(id, null);
    }
}
