package ai.vtry.gateway.limit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A redis-server of the test's own on a free port, so that a test can stop and start it without
 * touching the shared one. The test controls it by port ({@link #shutdown}, {@link #start}), and
 * {@link #shutdownKeepingData} stops it as a Redis with persistence would, so it restarts with its data.
 */
public class OwnRedisServer implements QuarkusTestResourceLifecycleManager {

    private int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        deleteSavedData(port);
        start(port);
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        shutdown(port);
        deleteSavedData(port);
    }

    static void start(int port) {
        try {
            new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dataDir(port).toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed on the PATH (./vtry test-infra up installs it)", e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
    }

    /** SHUTDOWN NOSAVE: the server closes its connections and exits. */
    static void shutdown(int port) {
        shutdown(port, "SHUTDOWN NOSAVE");
    }

    /** SHUTDOWN SAVE: as {@link #shutdown}, but {@link #start} loads the data again. */
    static void shutdownKeepingData(int port) {
        shutdown(port, "SHUTDOWN SAVE");
    }

    private static void shutdown(int port, String command) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(); // returns when the server has closed the connection
        } catch (IOException e) {
            return; // not running
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !listening(port));
    }

    /** Where the server of {@code port} saves its data (dump.rdb) on SHUTDOWN SAVE. */
    private static Path dataDir(int port) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "vtry-own-redis-" + port);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what a previous server on this port may have saved, and its directory. */
    private static void deleteSavedData(int port) {
        Path dir = dataDir(port);
        try {
            Files.deleteIfExists(dir.resolve("dump.rdb"));
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
