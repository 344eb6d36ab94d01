package ai.vtry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.client.ConflictException;
import ai.vtry.client.Vtry;
import ai.vtry.client.model.GenerationRequest;
import ai.vtry.client.model.Model;
import ai.vtry.client.model.Resolution;
import ai.vtry.common.testsupport.TestImages;

/**
 * The CLI (clients/cli/target/vtry-cli.jar, as a user runs it) against the real stack: the walkthrough
 * with --json output, and its exit codes.
 */
class CliIT {

    private static final Path JAR = Path.of("..", "clients", "cli", "target", "vtry-cli.jar").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one run printed and how it exited. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    /** Runs {@code java -jar vtry-cli.jar ARGS} with the key and gateway in its environment and its config in {@code dir}. */
    private Run vtry(String key, String... args) throws IOException, InterruptedException {
        assertTrue(Files.exists(JAR), JAR + " is missing: build it with ./mvnw -pl clients/cli -am package");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> environment = builder.environment();
        environment.put("VTRY_API_KEY", key);
        environment.put("VTRY_BASE_URL", Stack.GATEWAY);
        environment.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "vtry " + String.join(" ", args) + " did not end");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theWalkthroughWithJsonOutput() throws Exception {
        String key = Stack.newAccount("pro");
        Path front = Files.write(dir.resolve("front.jpg"), TestImages.jpeg(600, 900, new Color(200, 150, 120)));
        Path side = Files.write(dir.resolve("side.jpg"), TestImages.jpeg(500, 800, new Color(180, 130, 100)));
        Path jacket = Files.write(dir.resolve("jacket.png"), TestImages.png(400, 500, Color.BLUE));

        Run me = vtry(key, "me", "--json");
        assertEquals(0, me.exit(), me.err());
        assertEquals("pro", me.json().path("subscription").path("planId").asText());

        Run person = vtry(key, "persons", "create", "--name", "cli-" + UUID.randomUUID().toString().substring(0, 8),
                front.toString(), side.toString(), "--json");
        assertEquals(0, person.exit(), person.err());
        String personId = person.json().path("person").path("id").asText();
        assertEquals(2, person.json().path("files").size());

        Run compose = vtry(key, "compose", personId, "--wait", "--json");
        assertEquals(0, compose.exit(), compose.err());
        assertEquals("COMPLETED", compose.json().path("status").asText());
        assertEquals(personId, vtry(key, "persons", "list", "--json").json().path("persons").path(0).path("id").asText());

        Run cloth = vtry(key, "clothes", "add", jacket.toString(), "--wait", "--json");
        assertEquals(0, cloth.exit(), cloth.err());
        assertEquals("clothes-upload", cloth.json().path("kind").asText());
        String clothId = vtry(key, "clothes", "list", "--json").json().path("clothes").path(0).path("id").asText();

        Path tryOn = dir.resolve("out.jpg");
        Run generate = vtry(key, "generate", "--person", personId, "--cloth", clothId, "--scene", "a rainy street in Paris",
                "--aspect-ratio", "3:4", "--wait", "-o", tryOn.toString(), "--json");
        assertEquals(0, generate.exit(), generate.err());
        String generationId = generate.json().path("id").asText();
        assertEquals("COMPLETED", generate.json().path("status").asText());
        Stack.decode(Files.readAllBytes(tryOn));

        Path edited = dir.resolve("edited.jpg");
        Run edit = vtry(key, "edit", generationId, "--prompt", "change the jacket color to deep green", "-o", edited.toString(),
                "--json");
        assertEquals(0, edit.exit(), edit.err());
        Stack.decode(Files.readAllBytes(edited));

        Run history = vtry(key, "history", "--json", "--download", dir.resolve("gallery").toString());
        assertEquals(0, history.exit(), history.err());
        assertEquals(2, history.json().path("total").asInt());
        try (var saved = Files.list(dir.resolve("gallery"))) {
            List<Path> files = saved.toList();
            assertEquals(2, files.size(), files.toString());
            for (Path file : files) {
                Stack.decode(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void exitCodesTellUsageErrorsApiErrorsAndJobsThatDidNotComplete() throws Exception {
        String key = Stack.newAccount("pro");

        assertEquals(2, vtry(key, "generate", "--person", "pr_any").exit(), "--cloth is required");

        Run unknown = vtry(key, "jobs", "watch", "req_doesnotexist", "--json");
        assertEquals(3, unknown.exit());
        assertEquals("notFound", unknown.json().path("error").path("code").asText());

        // No job of the local provider fails on input the API accepts, so the job that does not complete is
        // a cancelled one: a large generation, cancelled as soon as it is queued.
        String cancelled = cancelledGeneration(key);
        Run watch = vtry(key, "jobs", "watch", cancelled, "--json");
        assertEquals(4, watch.exit(), watch.err());
        assertEquals("CANCELLED", watch.json().path("status").asText());
        assertEquals("cancelled", watch.json().path("error").path("code").asText());
    }

    /** A generation cancelled before it finished; tried again should a job finish before its cancel arrives. */
    private static String cancelledGeneration(String key) {
        Vtry vtry = Vtry.builder().apiKey(key).baseUrl(Stack.GATEWAY).build();
        String person = TryOn.composedPerson(key);
        String cloth = TryOn.cloth(key, Color.ORANGE);
        for (int attempt = 1;; attempt++) {
            String requestId = vtry.generations().create(GenerationRequest.builder().model(Model.NANO_BANANA_2)
                    .personId(person).cloth(cloth).resolution(Resolution.R4K).build()).requestId();
            try {
                return vtry.jobs().cancel(requestId).id();
            } catch (ConflictException finishedFirst) {
                if (attempt == 3) {
                    throw finishedFirst;
                }
            }
        }
    }
}
