package ai.vtry.generation.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * fal's storage and queue API as a local server, for the worker process tests: uploads are
 * accepted, a submitted request is IN_PROGRESS for as long as its prompt asks ({@code latency=MS})
 * and then COMPLETED with one JPEG. It counts what a test must check: submissions per job (the
 * prompt names the job, {@code job=ID}) and, per worker (the prompt's {@code worker=NAME}), the
 * requests running at once (submitted, result not yet fetched) at the peak. A request submitted
 * with fal's {@code fal_webhook} parameter is announced to {@code onWebhook} when it completes, as
 * fal would call the webhook then.
 */
final class FalQueueServer implements AutoCloseable {

    static final String ENDPOINT = "/fal-ai/nano-banana/edit";
    private static final Pattern JOB = Pattern.compile("job=(\\S+)");
    private static final Pattern LATENCY = Pattern.compile("latency=(\\d+)");
    private static final Pattern WORKER = Pattern.compile("worker=(\\w+)");
    private static final Pattern REQUEST = Pattern.compile(ENDPOINT.replace("/edit", "") + "/requests/([^/]+)(/status|/cancel)?");

    private record Submitted(String jobId, String worker, long doneAt) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] result;
    private final Map<String, Submitted> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submitsPerJob = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, String> webhooks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final BiConsumer<String, String> onWebhook;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();

    /** @param onWebhook called with the webhook URL and fal's request id when a request with a webhook completes */
    FalQueueServer(byte[] result, BiConsumer<String, String> onWebhook) {
        this.result = result;
        this.onWebhook = onWebhook;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many times the job's request was submitted (once, unless a worker submitted it again). */
    int submits(String jobId) {
        AtomicInteger count = submitsPerJob.get(jobId);
        return count == null ? 0 : count.get();
    }

    /** The webhook URL the job's request was submitted with, or null. */
    String webhook(String jobId) {
        return webhooks.get(jobId);
    }

    int submitsTotal() {
        return submitsPerJob.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The most requests of {@code worker}'s jobs that were running at fal at once. */
    int peak(String worker) {
        return counter(peak, worker).get();
    }

    private static AtomicInteger counter(Map<String, AtomicInteger> counters, String worker) {
        return counters.computeIfAbsent(worker, k -> new AtomicInteger());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("POST") && path.equals("/storage/upload/initiate")) {
                int n = ids.incrementAndGet();
                json(exchange, 200, "{\"upload_url\":\"" + url() + "/upload/" + n + "\",\"file_url\":\"" + url() + "/files/" + n
                        + "\"}");
            } else if (method.equals("PUT") && path.startsWith("/upload/")) {
                json(exchange, 200, "{}");
            } else if (method.equals("POST") && path.equals(ENDPOINT)) {
                submit(exchange, new String(body, StandardCharsets.UTF_8), exchange.getRequestURI().getQuery());
            } else if (method.equals("GET") && path.equals("/cdn/result.jpg")) {
                bytes(exchange, result);
            } else {
                Matcher request = REQUEST.matcher(path);
                Submitted submitted = request.matches() ? requests.get(request.group(1)) : null;
                if (submitted == null) {
                    json(exchange, 404, "{\"detail\":\"Request not found\"}");
                } else if (request.group(2) == null) {
                    if (requests.remove(request.group(1)) != null) {
                        counter(running, submitted.worker()).decrementAndGet();
                    }
                    json(exchange, 200, "{\"images\":[{\"url\":\"" + url() + "/cdn/result.jpg\"}]}");
                } else if (request.group(2).equals("/cancel")) {
                    json(exchange, 400, "{\"status\":\"ALREADY_COMPLETED\"}");
                } else {
                    boolean done = System.currentTimeMillis() >= submitted.doneAt();
                    json(exchange, 200, "{\"status\":\"" + (done ? "COMPLETED" : "IN_PROGRESS") + "\"}");
                }
            }
        } catch (IOException e) {
            // the worker gave up on this call (killed or timed out)
        }
    }

    private void submit(HttpExchange exchange, String body, String query) throws IOException {
        Matcher job = JOB.matcher(body);
        Matcher latency = LATENCY.matcher(body);
        Matcher worker = WORKER.matcher(body);
        String jobId = job.find() ? job.group(1).replace("\"", "") : "unknown";
        long ms = latency.find() ? Long.parseLong(latency.group(1)) : 0;
        String name = worker.find() ? worker.group(1) : "unknown";
        String id = "r" + ids.incrementAndGet();
        requests.put(id, new Submitted(jobId, name, System.currentTimeMillis() + ms));
        submitsPerJob.computeIfAbsent(jobId, k -> new AtomicInteger()).incrementAndGet();
        counter(peak, name).accumulateAndGet(counter(running, name).incrementAndGet(), Math::max);
        if (query != null && query.startsWith("fal_webhook=")) {
            String webhook = URLDecoder.decode(query.substring("fal_webhook=".length()), StandardCharsets.UTF_8);
            webhooks.put(jobId, webhook);
            timers.schedule(() -> onWebhook.accept(webhook, id), ms, TimeUnit.MILLISECONDS);
        }
        String base = url() + ENDPOINT.replace("/edit", "") + "/requests/" + id;
        json(exchange, 200, "{\"request_id\":\"" + id + "\",\"status_url\":\"" + base + "/status\",\"response_url\":\"" + base
                + "\",\"cancel_url\":\"" + base + "/cancel\",\"queue_position\":0}");
    }

    private static void json(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
        send(exchange, 200, body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        timers.shutdownNow();
    }
}
