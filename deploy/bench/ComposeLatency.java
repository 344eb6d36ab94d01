import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test: time from POST /persons/{id}/compose to the job reading COMPLETED, through
 * the gateway of a running stack, for N jobs one after another. Prints p50, p95 and max.
 *
 *   java deploy/bench/ComposeLatency.java [gatewayUrl] [jobs]
 *
 * against a stack whose gateway lets the load through (polling is reads, composes are generate):
 *   VTRY_LIMITS_PRO_READ=1000000 VTRY_LIMITS_PRO_WRITE=1000000 VTRY_LIMITS_PRO_GENERATE=1000000 \
 *   VTRY_LIMITS_IP_PREAUTH=1000000 ./vtry up
 *
 * It creates its own account with the admin token in .vtry/secrets/admin-token and polls every 10 ms.
 */
public class ComposeLatency {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String adminToken = Files.readString(Path.of(".vtry/secrets/admin-token")).trim();
        // The admin API has its own port, never the gateway's public one.
        String admin = System.getenv().getOrDefault("VTRY_ADMIN_URL", "http://localhost:8090");

        String account = send(HttpRequest.newBuilder(URI.create(admin + "/admin/accounts"))
                .header("X-Admin-Token", adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-" + UUID.randomUUID() + "@vtry.local\",\"plan\":\"pro\"}")), 201);
        String key = field(account, "apiKey");

        String boundary = "vtry" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbench-" + System.nanoTime() + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String sample : List.of("front", "side", "back")) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + sample
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(Files.readAllBytes(Path.of("docs/samples/" + sample + ".jpg")));
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String person = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)), 201);
        String personId = field(person, "id");

        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            long start = System.nanoTime();
            String queued = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons/" + personId + "/compose"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"NanoBanana\"}")), 202);
            String jobId = field(queued, "requestId");
            while (true) {
                String job = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/jobs/" + jobId))
                        .header("Authorization", "Bearer " + key).GET(), 200);
                String status = field(job, "status");
                if (status.equals("COMPLETED")) {
                    break;
                }
                if (status.equals("FAILED")) {
                    throw new IllegalStateException("Job failed: " + job);
                }
                Thread.sleep(10);
            }
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("compose POST -> COMPLETED over %d jobs: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", jobs,
                percentile(millis, 50), percentile(millis, 95), millis.get(millis.size() - 1));
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
