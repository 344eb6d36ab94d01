package ai.vtry.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in of the gateway speaking the API's protocol: each request is answered by the next
 * answer scripted for its method and path, and recorded. The CLI's tests use it too (this module's
 * test-jar).
 */
public final class FakeApi implements AutoCloseable {

    /** A request as the server got it. */
    public record Received(String method, String path, String query, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    public interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    public FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
            Answer answer;
            synchronized (answers) {
                Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                answer = queue == null ? null : queue.poll();
            }
            if (answer == null) {
                json(500, "{\"error\":{\"code\":\"internalError\",\"message\":\"nothing scripted\",\"details\":{}}}")
                        .send(exchange);
            } else {
                answer.send(exchange);
            }
            exchange.close();
        });
        server.start();
    }

    /** Scripts the next answers to {@code method path}, in order. */
    public FakeApi on(String method, String path, Answer... next) {
        synchronized (answers) {
            answers.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).addAll(List.of(next));
        }
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A client of this server, with the default retries (the first after 0.25 to 0.5 s). */
    public Vtry client() {
        return Vtry.builder().apiKey("vtry_test").baseUrl(baseUrl()).build();
    }

    public List<Received> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** A JSON answer with extra headers given as name, value, name, value... */
    public static Answer json(int status, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Request-Id", "req-test-" + status);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** The API's error body. */
    public static Answer error(int status, String code, String... headers) {
        return json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + code + " happened\",\"details\":{}}}",
                headers);
    }

    /** A Server-Sent Events stream of the given text, then its end. */
    public static Answer events(String stream) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(stream.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
