package ai.vtry.cli;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vtry rotate-key}: replaces the API key (POST /api/v1/me/api-key/rotate). The new key is printed
 * this once; a key of the config file (from {@code vtry login}) is replaced there too.
 */
@Command(name = "rotate-key", description = "Replace the API key with a new one: the old one stops working at once. "
        + "Prints the new key (shown only this once) and stores it where `vtry login` stored the old one.")
final class RotateKeyCommand implements Callable<Integer> {

    @ParentCommand
    VtryCommand root;

    @Override
    public Integer call() {
        Properties settings = root.config.load();
        boolean fromEnvironment = root.env.variable("VTRY_API_KEY") != null;
        String newKey = root.client().me().rotateKey();
        if (!fromEnvironment) {
            settings.setProperty(Config.API_KEY, newKey);
            root.config.save(settings);
        }
        if (root.json) {
            root.printJson(Map.of("apiKey", newKey));
        } else {
            root.env.out().println(newKey);
            root.env.err().println(fromEnvironment
                    ? "The old key no longer works: put the new one in VTRY_API_KEY (it is shown only this once)."
                    : "The new key is stored in " + root.config.file() + "; the old one no longer works.");
        }
        return VtryCommand.OK;
    }
}
