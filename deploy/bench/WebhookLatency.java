import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * Benchmark, not a test: customer webhooks through a running stack, to a fast receiver in this JVM.
 *
 *   1. latency: N direct clothes uploads one after another, one endpoint; for each, the time from the
 *      job's COMPLETED (its updatedAt, in the delivered body) to the receiver's answer. p50, p99, max.
 *   2. throughput: 20 endpoints (a workspace's maximum), M uploads at once from 8 threads; deliveries
 *      per second the one webhook-service replica sends, first to last arrival.
 *
 *   java deploy/bench/WebhookLatency.java [gatewayUrl] [N=200] [M=100]
 *
 * against a stack that lets the load through and may call 127.0.0.1:
 *   VTRY_FETCH_ALLOW_HOSTS=127.0.0.1 VTRY_LIMITS_PRO_READ=1000000 VTRY_LIMITS_PRO_WRITE=1000000 \
 *   VTRY_LIMITS_PRO_GENERATE=1000000 VTRY_LIMITS_IP_PREAUTH=1000000 ./vtry up
 */
public class WebhookLatency {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern UPDATED_AT = Pattern.compile("\"updatedAt\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        int sequential = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        String adminToken = Files.readString(Path.of(".vtry/secrets/admin-token")).trim();
        String admin = System.getenv().getOrDefault("VTRY_ADMIN_URL", "http://localhost:8090");
        String account = send(HttpRequest.newBuilder(URI.create(admin + "/admin/accounts"))
                .header("X-Admin-Token", adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-" + UUID.randomUUID() + "@vtry.local\",\"plan\":\"pro\"}")), 201);
        String key = field(account, "apiKey");
        byte[] jacket = Files.readAllBytes(Path.of("docs/samples/jacket.png"));

        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            Instant now = Instant.now();
            arrivals.add(System.nanoTime());
            Matcher m = UPDATED_AT.matcher(body);
            if (m.find() && seen.putIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id")
                    + exchange.getRequestURI().getPath(), true) == null) {
                latencies.add((now.toEpochMilli() - Instant.parse(m.group(1)).toEpochMilli()) * 1.0);
            }
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();

        // 1. latency, one job at a time
        String first = createEndpoint(gateway, key, base + "/one");
        for (int i = 0; i < sequential; i++) {
            int before = latencies.size();
            upload(gateway, key, jacket);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (latencies.size() == before) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no webhook within 30 s for upload " + i);
                }
                Thread.sleep(2);
            }
        }
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("job COMPLETED -> receiver's 2xx over %d jobs: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1));

        // 2. throughput, 20 endpoints, a burst of uploads
        send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/webhooks/" + first)).header("Authorization", "Bearer " + key)
                .DELETE(), 200);
        for (int i = 0; i < 20; i++) {
            createEndpoint(gateway, key, base + "/many/" + i);
        }
        arrivals.clear();
        int expected = burst * 20;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int i = 0; i < burst; i++) {
            clients.submit(() -> {
                upload(gateway, key, jacket);
                return null;
            });
        }
        clients.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (arrivals.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Long> times = new ArrayList<>(arrivals);
        Collections.sort(times);
        double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
        System.out.printf("%d deliveries (%d uploads x 20 endpoints) in %.1f s: %.0f deliveries/s from one replica%n",
                times.size(), burst, seconds, (times.size() - 1) / seconds);
        receiver.stop(0);
        System.exit(0);
    }

    static String createEndpoint(String gateway, String key, String url) throws Exception {
        return field(send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/webhooks"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"events\":[\"job.completed\"]}")), 201), "id");
    }

    static void upload(String gateway, String key, byte[] image) throws Exception {
        String boundary = "vtry" + UUID.randomUUID();
        List<byte[]> parts = List.of(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\ndirect\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"jacket.png\"\r\nContent-Type: image/png\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                image, ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/clothes")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)), 202);
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }
}
