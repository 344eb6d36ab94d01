import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Benchmark, not a test: try-on generations through the gateway of a running stack (local provider).
 *   1. latency: N generations one after another, POST /api/v1/generations to the job reading COMPLETED
 *      (polling every 10 ms): p50, p95, max;
 *   2. throughput: C clients, each its own account (a customer), generating and polling in a loop for
 *      S seconds: completed jobs per second, and the latency percentiles under that load.
 *
 *   java deploy/bench/GenerationLoad.java [gatewayUrl] [jobs=100] [clients=20] [seconds=60]
 *
 * against a stack whose gateway lets the load through (polls are reads, generations are generate):
 *   VTRY_LIMITS_PRO_READ=1000000 VTRY_LIMITS_PRO_WRITE=1000000 VTRY_LIMITS_PRO_GENERATE=1000000 \
 *   VTRY_LIMITS_IP_PREAUTH=1000000 ./vtry up
 * Each account keeps the reference's 3 concurrent generations; a client runs one at a time.
 */
public class GenerationLoad {

    /** The admin API has its own port, never the gateway's public one. */
    static final String ADMIN = System.getenv().getOrDefault("VTRY_ADMIN_URL", "http://localhost:8090");
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static String gateway;

    record Customer(String key, String personId, String clothId) {
    }

    public static void main(String[] args) throws Exception {
        gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        String adminToken = Files.readString(Path.of(".vtry/secrets/admin-token")).trim();

        // Setup: one customer per client (person composed, one cloth), in parallel.
        List<Customer> customers = new ArrayList<>();
        try (ExecutorService setup = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Customer>> made = new ArrayList<>();
            for (int i = 0; i < Math.max(1, clients); i++) {
                made.add(setup.submit(() -> customer(adminToken)));
            }
            for (Future<Customer> f : made) {
                customers.add(f.get());
            }
        }
        System.out.printf("setup: %d customers, each with a composed person and a cloth%n", customers.size());

        // 1. latency, one at a time
        for (int i = 0; i < 5; i++) {
            generate(customers.get(0)); // warm-up, not counted
        }
        List<Double> sequential = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            sequential.add(generate(customers.get(0)));
        }
        Collections.sort(sequential);
        System.out.printf("generation POST -> COMPLETED, %d jobs one after another: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                jobs, percentile(sequential, 50), percentile(sequential, 95), sequential.get(sequential.size() - 1));

        // 2. throughput, C clients for S seconds
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger failures = new AtomicInteger();
        List<Double> loaded = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Customer c : customers) {
                load.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            loaded.add(generate(c));
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            System.err.println("failed: " + e.getMessage());
                        }
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(loaded);
        Collections.sort(sorted);
        System.out.printf("%d clients for %.0f s: %d completed (%.1f jobs/s), %d failed; latency p50 %.0f ms, p95 %.0f ms%n",
                customers.size(), elapsed, sorted.size(), sorted.size() / elapsed, failures.get(),
                percentile(sorted, 50), percentile(sorted, 95));
    }

    /** One generation, POST to COMPLETED, in milliseconds. */
    static double generate(Customer c) throws Exception {
        long start = System.nanoTime();
        String queued = send(json("/api/v1/generations", c.key(), "{\"model\":\"NanoBanana\",\"personId\":\"" + c.personId()
                + "\",\"clothesIds\":[\"" + c.clothId() + "\"],\"scene\":\"a sunny street\"}"), 202);
        awaitCompleted(c.key(), field(queued, "requestId"));
        return (System.nanoTime() - start) / 1e6;
    }

    static Customer customer(String adminToken) throws Exception {
        String account = send(HttpRequest.newBuilder(URI.create(ADMIN + "/admin/accounts"))
                .header("X-Admin-Token", adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-" + UUID.randomUUID() + "@vtry.local\",\"plan\":\"pro\"}")), 201);
        String key = field(account, "apiKey");

        String boundary = "vtry" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(text(boundary, "name", "bench-" + System.nanoTime()));
        for (String sample : List.of("front", "side", "back")) {
            parts.add(file(boundary, "files", sample + ".jpg", "image/jpeg"));
            parts.add(Files.readAllBytes(Path.of("docs/samples/" + sample + ".jpg")));
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String personId = field(send(multipart("/api/v1/persons", key, boundary, parts), 201), "id");
        String compose = send(json("/api/v1/persons/" + personId + "/compose", key, "{\"model\":\"NanoBanana\"}"), 202);
        awaitCompleted(key, field(compose, "requestId"));

        List<byte[]> garment = new ArrayList<>();
        garment.add(text(boundary, "mode", "direct"));
        garment.add(file(boundary, "file", "shirt.png", "image/png"));
        garment.add(shirt());
        garment.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        awaitCompleted(key, field(send(multipart("/api/v1/clothes", key, boundary, garment), 202), "requestId"));

        // The composite and the cloth arrive through job-completed events, moments after their jobs.
        String clothId = null;
        for (int i = 0; i < 300 && clothId == null; i++) {
            String persons = send(get("/api/v1/persons", key), 200);
            String clothes = send(get("/api/v1/clothes", key), 200);
            if (persons.contains("\"coverUrl\":\"http") && clothes.contains("\"id\":\"cl_")) {
                clothId = field(clothes, "id");
            } else {
                Thread.sleep(100);
            }
        }
        if (clothId == null) {
            throw new IllegalStateException("setup did not finish");
        }
        return new Customer(key, personId, clothId);
    }

    static void awaitCompleted(String key, String jobId) throws Exception {
        while (true) {
            String job = send(get("/api/v1/jobs/" + jobId, key), 200);
            String status = field(job, "status");
            if (status.equals("COMPLETED")) {
                return;
            }
            if (status.equals("FAILED")) {
                throw new IllegalStateException("Job failed: " + job);
            }
            Thread.sleep(10);
        }
    }

    static byte[] shirt() throws Exception {
        BufferedImage image = new BufferedImage(400, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 500);
        g.setColor(new Color(30, 60, 160));
        g.fillRect(100, 80, 200, 340);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] text(String boundary, String name, String value) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] file(String boundary, String name, String fileName, String type) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static HttpRequest.Builder get(String path, String key) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + key).GET();
    }

    static HttpRequest.Builder json(String path, String key, String body) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpRequest.Builder multipart(String path, String key, String boundary, List<byte[]> parts) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts));
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
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
