package ai.vtry.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command sees of the world: environment variables, its config directory, the standard streams,
 * and whether it talks to a terminal (then it draws a spinner). Tests pass their own.
 */
record Environment(Map<String, String> variables, Path configDir, InputStream in, PrintStream out, PrintStream err,
        boolean terminal) {

    /** The real one: the config directory is {@code $XDG_CONFIG_HOME/vtry}, else {@code ~/.config/vtry}. */
    static Environment system() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return new Environment(System.getenv(), config.resolve("vtry"), System.in, System.out, System.err,
                System.console() != null);
    }

    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
