package ai.vtry.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.client.ApiException;
import ai.vtry.client.Jobs;
import ai.vtry.client.Vtry;
import ai.vtry.client.VtryException;
import ai.vtry.client.model.AspectRatio;
import ai.vtry.client.model.Job;
import ai.vtry.client.model.JobOutcome;
import ai.vtry.client.model.Model;
import ai.vtry.client.model.OutputFormat;
import ai.vtry.client.model.Resolution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code vtry}: the root command. It holds what every subcommand shares: the environment, the client
 * (key from {@code VTRY_API_KEY} or {@code vtry login}), {@code --json}, and waiting for a job.
 */
@Command(name = "vtry", mixinStandardHelpOptions = true, version = "vtry 0.1.0",
        description = "Virtual try-on from the command line: people, clothes, generations and edits of the Vtry API.",
        subcommands = {LoginCommand.class, MeCommand.class, RotateKeyCommand.class, PersonsCommand.class, ComposeCommand.class,
                ClothesCommand.class, GenerateCommand.class, EditCommand.class, JobsCommand.class,
                HistoryCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (a job: COMPLETED)", "1:a local failure (e.g. a file could not be written)",
                "2:usage error (wrong arguments, no API key)", "3:API error (or the API could not be reached)",
                "4:the job FAILED or was CANCELLED"})
final class VtryCommand {

    static final int OK = 0;
    static final int LOCAL_FAILURE = 1;
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int API_ERROR = 3;
    static final int JOB_NOT_COMPLETED = 4;

    /** Reads and writes the SDK's records as the API's JSON. */
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON answer instead of text.")
    boolean json;

    final Environment env;
    final Config config;
    private Vtry client;

    VtryCommand(Environment env) {
        this.env = env;
        this.config = new Config(env.configDir());
    }

    /** Runs one command line; returns its exit code. */
    static int execute(Environment env, String... args) {
        return commandLine(env).execute(args);
    }

    static CommandLine commandLine(Environment env) {
        VtryCommand root = new VtryCommand(env);
        CommandLine line = new CommandLine(root);
        line.setOut(new PrintWriter(env.out(), true));
        line.setErr(new PrintWriter(env.err(), true));
        List<Class<? extends Enum<?>>> wireNamed = List.of(Model.class, AspectRatio.class, Resolution.class,
                OutputFormat.class);
        for (Class<? extends Enum<?>> type : wireNamed) {
            registerWireNames(line, type);
        }
        line.setExecutionExceptionHandler((failure, command, parsed) -> root.report(failure));
        return line;
    }

    /** Options take the API's names of the enums ({@code NanoBanana2}, {@code 3:4}, {@code 2K}), in any case. */
    private static <E extends Enum<?>> void registerWireNames(CommandLine line, Class<E> type) {
        line.registerConverter(type, value -> Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.toString().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not one of "
                        + Arrays.toString(type.getEnumConstants()))));
    }

    /** The client: the key of {@code VTRY_API_KEY}, else of the config file; the URL likewise. */
    Vtry client() {
        if (client == null) {
            Properties stored = config.load();
            String key = firstOf(env.variable("VTRY_API_KEY"), stored.getProperty(Config.API_KEY));
            if (key == null) {
                throw new UsageError("No API key: run `vtry login` or set VTRY_API_KEY");
            }
            client = Vtry.builder().apiKey(key).baseUrl(baseUrl(null)).build();
        }
        return client;
    }

    /** The gateway: the given one, else {@code VTRY_BASE_URL}, else the stored one, else the default. */
    String baseUrl(String given) {
        String stored = config.load().getProperty(Config.BASE_URL);
        String url = firstOf(given, firstOf(env.variable("VTRY_BASE_URL"), stored));
        return url != null ? url : Vtry.DEFAULT_BASE_URL;
    }

    /** A queued job's answer: the whole of it with --json, else the job id alone (for scripts). */
    int printQueued(Object queued, String requestId) {
        if (json) {
            printJson(queued);
        } else {
            env.out().println(requestId);
        }
        return OK;
    }

    /** Prints an answer as JSON, with the API's field names. */
    void printJson(Object answer) {
        try {
            env.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print " + answer.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Waits until the job is final (a spinner on a terminal, a line per state otherwise), prints it, and
     * saves its first image to {@code output} if given.
     *
     * @return 0 when {@code COMPLETED}, 4 when {@code FAILED} or {@code CANCELLED}
     */
    int awaitJob(String jobId, Path output) {
        JobOutcome outcome;
        try (Progress progress = new Progress(env.err(), env.terminal(), jobId)) {
            outcome = client().jobs().waitFor(jobId, Jobs.DEFAULT_TIMEOUT, progress::update);
        }
        Job job = outcome.job();
        if (json) {
            printJson(job);
        } else if (outcome instanceof JobOutcome.Completed) {
            env.out().println(job.id() + " COMPLETED " + job.imageUrl());
        } else {
            env.out().println(job.id() + " " + job.status() + " " + job.error().code() + ": " + job.error().message());
        }
        if (outcome instanceof JobOutcome.Completed && output != null) {
            client().downloads().download(job.imageUrl(), output);
            env.err().println("saved " + output);
        }
        return outcome instanceof JobOutcome.Completed ? OK : JOB_NOT_COMPLETED;
    }

    /**
     * A failure while running: a usage error (exit code 2), an API error (its message on stderr, and its
     * body on stdout with --json; exit code 3), or a local one (exit code 1).
     */
    private int report(Exception failure) throws Exception {
        if (failure instanceof UsageError) {
            env.err().println("error: " + failure.getMessage());
            return USAGE;
        }
        if (failure instanceof ApiException error) {
            env.err().println("error: " + error.getMessage());
            error.fieldErrors().forEach((field, messages) ->
                    env.err().println("  " + field + ": " + String.join("; ", messages)));
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", error.code());
                body.put("message", error.errorMessage());
                body.put("details", error.details());
                printJson(Map.of("error", body));
            }
            return API_ERROR;
        }
        if (failure instanceof VtryException) {
            env.err().println("error: " + failure.getMessage());
            return API_ERROR;
        }
        if (failure instanceof UncheckedIOException) {
            env.err().println("error: " + failure.getMessage() + ": " + failure.getCause());
            return LOCAL_FAILURE;
        }
        throw failure;
    }

    private static String firstOf(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
