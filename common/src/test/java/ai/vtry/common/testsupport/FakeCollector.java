package ai.vtry.common.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for an OpenTelemetry Collector that speaks OTLP over HTTP: it accepts
 * {@code POST /v1/traces} (answering an empty {@code ExportTraceServiceResponse}) and counts the
 * requests; {@code GET /received} gives the count, so a test can tell whether the service under test
 * exported over OTLP. It points the service's OTLP trace exporter at itself; its init args
 * ({@code @ResourceArg}) are further config overrides, e.g. {@code vtry.tracing.enabled}.
 */
public class FakeCollector implements QuarkusTestResourceLifecycleManager {

    private final AtomicInteger received = new AtomicInteger();
    private final Map<String, String> overrides = new HashMap<>();
    private HttpServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        overrides.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake collector", e);
        }
        server.createContext("/v1/traces", this::traces);
        server.createContext("/received", exchange -> FakeHttp.respond(exchange, 200, "text/plain",
                Integer.toString(received.get()).getBytes(StandardCharsets.UTF_8)));
        server.start();
        Map<String, String> config = new HashMap<>(overrides);
        config.put("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
        config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "0.1S");
        return config;
    }

    private void traces(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestMethod().equals("POST")) {
            FakeHttp.respond(exchange, 405, "text/plain", new byte[0]);
            return;
        }
        received.incrementAndGet();
        FakeHttp.respond(exchange, 200, "application/x-protobuf", new byte[0]);
    }

    /** How many OTLP trace requests the fake collector at {@code endpoint} has received. */
    public static int received(String endpoint) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/received")).build(), HttpResponse.BodyHandlers.ofString());
            return Integer.parseInt(response.body().trim());
        } catch (IOException e) {
            throw new IllegalStateException("The fake collector did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
