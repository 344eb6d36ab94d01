package ai.vtry.cli;

import java.util.concurrent.Callable;

import ai.vtry.client.model.Me;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code vtry me}: the key's user, plan and rate limits. */
@Command(name = "me", description = "Show the key's user, plan and where each rate limit stands.")
final class MeCommand implements Callable<Integer> {

    @ParentCommand
    VtryCommand root;

    @Override
    public Integer call() {
        Me me = root.client().me().get();
        if (root.json) {
            root.printJson(me);
            return VtryCommand.OK;
        }
        String role = me.workspace().isWorkspaceOwner() ? "workspace owner" : "member of " + me.workspace().ownerId();
        root.env.out().println(me.user().email() + " (" + me.user().id() + "), plan " + me.subscription().planLabel()
                + ", " + role);
        me.limits().forEach((category, limit) -> root.env.out().printf("  %-14s %3d of %3d left, resets in %d s%n",
                category, limit.remaining(), limit.limit(), limit.resetSeconds()));
        return VtryCommand.OK;
    }
}
