package ai.vtry.common.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's packaged jar ({@code target/quarkus-app/quarkus-run.jar} of the module under test) as
 * its own process, configured the way {@code ./vtry up} configures it, against the infrastructure of
 * {@code ./vtry test} (the VTRY_TEST_* variables); its log goes to {@code target/NAME.log}. For tests
 * of several instances, and of kill -9.
 */
public class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final String name;
    private final Map<String, String> env;
    private final List<String> properties;
    private Process process;
    private int port;

    /**
     * @param name       the instance, and its log file
     * @param extra      environment beside the infrastructure's, e.g. VTRY_WORKER_MAX_IN_FLIGHT
     * @param properties system properties (-Dkey=value) for the JVM
     */
    public ServiceProcess(String name, Map<String, String> extra, List<String> properties) {
        this.name = name;
        this.env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("VTRY_DB_HOST", required("PG_HOST"));
        env.put("VTRY_DB_PORT", required("PG_PORT"));
        env.put("VTRY_DB_USER", required("PG_USER"));
        env.put("VTRY_DB_PASSWORD", required("PG_PASSWORD"));
        env.put("VTRY_KAFKA_BOOTSTRAP", required("KAFKA_BOOTSTRAP"));
        env.put("VTRY_REDIS_URL", required("REDIS_URL"));
        env.put("VTRY_S3_ENDPOINT", required("S3_ENDPOINT"));
        env.put("VTRY_S3_ACCESS_KEY", required("S3_ACCESS_KEY"));
        env.put("VTRY_S3_SECRET_KEY", required("S3_SECRET_KEY"));
        env.put("VTRY_S3_BUCKET", required("S3_BUCKET"));
        env.put("VTRY_JWT_PUBLIC_KEY_FILE", publicKeyFile().toString());
        env.put("VTRY_LINK_SECRET", "service-process-test");
        env.putAll(extra);
        this.properties = List.copyOf(properties);
    }

    private static String required(String name) {
        String value = Infra.external(name);
        if (value == null) {
            throw new IllegalStateException("VTRY_TEST_" + name + " is not set: run the tests with ./vtry test "
                    + "(or ./vtry test-infra up and export its variables)");
        }
        return value;
    }

    /** Starts the process and waits until it is ready. */
    public ServiceProcess start() throws IOException, InterruptedException {
        port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC")); // as ./vtry runs the services
        command.addAll(properties);
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", name + ".log").toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (health("ready") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become ready (see target/" + name + ".log)");
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** GET /q/health/{which} (live or ready): the status code, 0 when nothing answers. */
    public int health(String which) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/" + which))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The Prometheus text of /q/metrics. */
    public String metrics() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of a metric's series whose labels contain {@code label} (0 when there is none). */
    public double metric(String name, String label) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : metrics().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** SIGKILL: no shutdown hook runs, nothing is committed or acknowledged any more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Path publicKeyFile() {
        try (InputStream in = ServiceProcess.class.getClassLoader().getResourceAsStream("testsupport/test-jwt-public.pem")) {
            Path file = Files.createTempFile("vtry-jwt-public", ".pem");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
