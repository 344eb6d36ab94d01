package ai.vtry.cli;

import java.util.concurrent.Callable;

import ai.vtry.client.model.ComposeQueued;
import ai.vtry.client.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vtry compose PERSON}: queues a person's composite. */
@Command(name = "compose", description = "Queue a person's 1x3 composite, which generations start from.")
final class ComposeCommand implements Callable<Integer> {

    @ParentCommand
    VtryCommand root;

    @Parameters(paramLabel = "PERSON", description = "The person's id (pr_...).")
    String personId;

    @Option(names = "--model", defaultValue = "NanoBanana",
            description = "NanoBanana (default) or NanoBanana2 (paid plans).")
    Model model;

    @Option(names = "--wait", description = "Wait for the job; exit 0 only if it COMPLETED.")
    boolean wait;

    @Override
    public Integer call() {
        ComposeQueued queued = root.client().persons().compose(personId, model);
        return wait ? root.awaitJob(queued.requestId(), null) : root.printQueued(queued, queued.requestId());
    }
}
