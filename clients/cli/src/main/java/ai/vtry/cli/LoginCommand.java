package ai.vtry.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;

import ai.vtry.client.Vtry;
import ai.vtry.client.model.Me;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vtry login}: checks an API key against the API and stores it in the config file (mode 0600). */
@Command(name = "login", description = "Store an API key (read from stdin, or --key) in ~/.config/vtry/config, "
        + "after checking it with GET /api/v1/me.")
final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    VtryCommand root;

    @Option(names = "--key", description = "The API key; without it, the first line of stdin.")
    String key;

    @Option(names = "--base-url", description = "The gateway to store with the key (default: VTRY_BASE_URL or "
            + Vtry.DEFAULT_BASE_URL + ").")
    String baseUrl;

    @Override
    public Integer call() {
        String apiKey = key != null ? key.trim() : readKey();
        if (apiKey == null || apiKey.isEmpty()) {
            throw new UsageError("No API key: pass --key or type it on stdin");
        }
        String url = root.baseUrl(baseUrl);
        Me me = Vtry.builder().apiKey(apiKey).baseUrl(url).build().me().get();

        Properties settings = root.config.load();
        settings.setProperty(Config.API_KEY, apiKey);
        if (baseUrl != null) {
            settings.setProperty(Config.BASE_URL, url);
        }
        root.config.save(settings);
        if (root.json) {
            root.printJson(me);
        } else {
            root.env.out().println("Logged in as " + me.user().email() + " (" + me.subscription().planLabel()
                    + " plan); key stored in " + root.config.file());
        }
        return VtryCommand.OK;
    }

    private String readKey() {
        if (root.env.terminal()) {
            root.env.err().print("API key: ");
            root.env.err().flush();
        }
        try {
            return new BufferedReader(new InputStreamReader(root.env.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key from stdin", e);
        }
    }
}
