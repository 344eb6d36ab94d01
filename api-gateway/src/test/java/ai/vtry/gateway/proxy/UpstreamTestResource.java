package ai.vtry.gateway.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the services behind the gateway: one echo server that answers with the request
 * body it received and describes the request in {@code X-Echo-*} headers. Each service gets its own
 * base path on it (so the forwarded path shows which service a request went to); clothes-service
 * points at a port where nothing listens. A path ending in {@code /slow} never gets an answer.
 * Query {@code status=N} sets the status, {@code chunked=true} answers without Content-Length,
 * {@code answer=job} answers as a job-creating POST does ({@code requestId}, new for each request,
 * and the body's size). {@code X-Echo-Seq} numbers the requests that reached it.
 */
public class UpstreamTestResource implements QuarkusTestResourceLifecycleManager {

    private final AtomicInteger sequence = new AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::echo);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "vtry.services.person", base + "/person",
                "vtry.services.job", base + "/job",
                "vtry.services.generation", base + "/generation",
                "vtry.services.clothes", "http://127.0.0.1:" + closedPort(),
                "vtry.proxy.timeout", "PT2S");
    }

    private void echo(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/slow")) {
            // Hold the exchange without answering until the tests are over: the gateway must time out.
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        int seq = sequence.incrementAndGet();
        Headers in = exchange.getRequestHeaders();
        Headers out = exchange.getResponseHeaders();
        String query = exchange.getRequestURI().getRawQuery();
        out.add("X-Echo-Method", exchange.getRequestMethod());
        out.add("X-Echo-Path", path);
        out.add("X-Echo-Query", query == null ? "" : query);
        out.add("X-Echo-Authorization", String.valueOf(in.getFirst("Authorization")));
        out.add("X-Echo-Api-Key", String.valueOf(in.getFirst("x-api-key")));
        out.add("X-Echo-Content-Type", String.valueOf(in.getFirst("Content-Type")));
        out.add("X-Echo-Content-Length", String.valueOf(in.getFirst("Content-Length")));
        out.add("X-Echo-Forwarded-For", String.valueOf(in.getFirst("X-Forwarded-For")));
        out.add("X-Echo-Request-Id", String.valueOf(in.getFirst("X-Request-Id")));
        out.add("X-Echo-Custom", String.valueOf(in.getFirst("X-Custom")));
        out.add("X-Echo-Forwarded", String.valueOf(in.getFirst("Forwarded")));
        out.add("X-Echo-Forwarded-Host", String.valueOf(in.getFirst("X-Forwarded-Host")));
        out.add("X-Echo-Real-Ip", String.valueOf(in.getFirst("X-Real-IP")));
        out.add("X-Echo-Vtry-Workspace", String.valueOf(in.getFirst("X-Vtry-Workspace")));
        out.add("X-Echo-Idempotency-Key", String.valueOf(in.getFirst("Idempotency-Key")));
        out.add("X-Echo-Accept", String.valueOf(in.getFirst("Accept")));
        // every traceparent header received, in order: there must be exactly one
        out.add("X-Echo-Traceparent", in.containsKey("traceparent") ? String.join(",", in.get("traceparent")) : "null");
        out.add("X-Echo-Tracestate", String.valueOf(in.getFirst("tracestate")));
        out.add("X-Upstream", "echo");
        out.add("X-Echo-Seq", Integer.toString(seq));
        out.add("Content-Type", "application/octet-stream");
        int status = query != null && query.matches(".*\\bstatus=\\d{3}.*")
                ? Integer.parseInt(query.replaceAll(".*\\bstatus=(\\d{3}).*", "$1")) : 200;
        if (query != null && query.contains("answer=job")) {
            // As a job-creating POST answers: the job's id, a new one for every request that gets here.
            body = ("{\"requestId\":\"req_echo" + seq + "\",\"received\":" + body.length + "}").getBytes();
            out.set("Content-Type", "application/json");
            out.add("Location", "/api/v1/jobs/req_echo" + seq);
        }
        boolean chunked = query != null && query.contains("chunked=true");
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length == 0 ? -1 : body.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(body);
        }
    }

    /** A port nothing listens on: bound once, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
