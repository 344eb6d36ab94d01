import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test: the workers of a running local stack (`./vtry up`) under many compose jobs.
 * Three modes, each printing its figures:
 *
 *   drain N     N compose jobs submitted at once; the drain time (first job created to last job
 *               completed, from the jobs' own createdAt/updatedAt) against the ideal: the provider's
 *               delay plus the CPU generation-service spent, divided by the cores.
 *   inflight N  N compose jobs submitted at once; once all are in flight (generation-service's
 *               vtry_worker_jobs_in_flight), its RSS and CPU over 10 s while they wait on the provider.
 *   overhead N  N compose jobs one after another (after 30 not counted, to warm up); per job, createdAt -> updatedAt (COMPLETED) minus
 *               the worker's own time for it (its log line "Job ... COMPLETED in N ms": inputs,
 *               provider, storing the result): the pipeline's cost (job-service, outbox, Kafka
 *               hops, their commits). p50, p99, max.
 *
 *   java deploy/bench/WorkerBench.java MODE N [delayMs] [gatewayUrl]     (Java 21 or newer)
 *
 * against a stack whose limits let the load through and whose provider waits (drain: 20000):
 *   VTRY_LIMITS_PRO_READ=1000000 VTRY_LIMITS_PRO_WRITE=1000000 VTRY_LIMITS_PRO_GENERATE=1000000 \
 *   VTRY_LIMITS_PRO_CONCURRENT_GENERATIONS=1000000 VTRY_LIMITS_IP_PREAUTH=1000000 \
 *   VTRY_LOCAL_PROVIDER_DELAY_MS=20000 VTRY_WORKER_MAX_IN_FLIGHT=1000 ./vtry up
 * (overhead: VTRY_LOCAL_PROVIDER_DELAY_MS=0). It creates its own account with the admin token in
 * .vtry/secrets/admin-token, and reads generation-service's pid and log under .vtry/.
 */
public class WorkerBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern WORKER_TIME = Pattern.compile("Job (req_\\w+) COMPLETED in (\\d+) ms");
    static String gateway;
    static String key;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "drain";
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        long delayMs = args.length > 2 ? Long.parseLong(args[2]) : 20000;
        gateway = args.length > 3 ? args[3] : "http://localhost:8080";
        String adminToken = Files.readString(Path.of(".vtry/secrets/admin-token")).trim();
        // The admin API has its own port, never the gateway's public one.
        String admin = System.getenv().getOrDefault("VTRY_ADMIN_URL", "http://localhost:8090");
        key = field(send(HttpRequest.newBuilder(URI.create(admin + "/admin/accounts"))
                .header("X-Admin-Token", adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-" + UUID.randomUUID()
                        + "@vtry.local\",\"plan\":\"pro\"}")), 201), "apiKey");
        String person = createPerson();
        long pid = Long.parseLong(Files.readString(Path.of(".vtry/pids/generation-service.pid")).trim().split("\\s+")[0]);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%s of %d compose jobs, provider delay %d ms, %d cores, load average %s%n", mode, jobs, delayMs,
                cores, Files.readString(Path.of("/proc/loadavg")).trim());
        switch (mode) {
            case "drain" -> drain(person, jobs, delayMs, pid, cores);
            case "inflight" -> inflight(person, jobs, pid);
            case "overhead" -> overhead(person, jobs);
            default -> throw new IllegalArgumentException("mode: drain, inflight or overhead");
        }
    }

    static void drain(String person, int jobs, long delayMs, long pid, int cores) throws Exception {
        double cpuBefore = cpuSeconds(pid);
        List<String> ids = submitAtOnce(person, jobs);
        Map<String, String> done = awaitAll(ids);
        double cpu = cpuSeconds(pid) - cpuBefore;
        Instant first = done.values().stream().map(j -> Instant.parse(field(j, "createdAt"))).min(Instant::compareTo).orElseThrow();
        Instant last = done.values().stream().map(j -> Instant.parse(field(j, "updatedAt"))).max(Instant::compareTo).orElseThrow();
        long failed = done.values().stream().filter(j -> !"COMPLETED".equals(field(j, "status"))).count();
        double drain = (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
        double ideal = delayMs / 1000.0 + cpu / cores;
        System.out.printf("drain: %.1f s for %d jobs (%d not COMPLETED); generation-service CPU %.1f s; ideal %.1f s "
                + "(delay %.1f s + CPU / %d cores); ratio %.2f (target <= 1.5)%n", drain, jobs, failed, cpu, ideal,
                delayMs / 1000.0, cores, drain / ideal);
    }

    static void inflight(String person, int jobs, long pid) throws Exception {
        List<String> ids = submitAtOnce(person, jobs);
        long deadline = System.nanoTime() + 120_000_000_000L;
        double inFlight = 0;
        while ((inFlight = inFlight()) < jobs && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(10_000); // the submit burst settles (its GC and JIT work is not waiting)
        long rssBefore = rssKb(pid);
        double cpuBefore = cpuSeconds(pid);
        long start = System.nanoTime();
        Thread.sleep(10_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(pid) - cpuBefore;
        double stillInFlight = inFlight();
        System.out.printf("inflight: %.0f jobs in flight (%.0f after 10 s); generation-service RSS %d MB (then %d MB), "
                + "CPU %.1f%% of one core while waiting (targets: < 400 MB, < 5%%)%n", inFlight, stillInFlight,
                rssBefore / 1024, rssKb(pid) / 1024, 100 * cpu / seconds);
        awaitAll(ids);
    }

    static void overhead(String person, int jobs) throws Exception {
        // Warm-up, not counted: a freshly started stack's first jobs pay for class loading and the JIT
        // (the first 200 after a start measured p99 344 ms, the next 200 54 ms).
        for (int i = 0; i < 30; i++) {
            awaitAll(List.of(compose(person)));
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> done = new HashMap<>();
        for (int i = 0; i < jobs; i++) {
            String id = compose(person);
            ids.add(id);
            done.putAll(awaitAll(List.of(id)));
        }
        Thread.sleep(1000); // the log lines are written
        Map<String, Long> workerMs = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(".vtry/logs/generation-service.log"))) {
            Matcher m = WORKER_TIME.matcher(line);
            if (m.find()) {
                workerMs.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        List<Long> overhead = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        Map<String, Long> perJob = new HashMap<>();
        for (String id : ids) {
            String job = done.get(id);
            long ms = Instant.parse(field(job, "updatedAt")).toEpochMilli() - Instant.parse(field(job, "createdAt")).toEpochMilli();
            total.add(ms);
            Long worker = workerMs.get(id);
            if (worker != null) {
                overhead.add(ms - worker);
                perJob.put(id, ms - worker);
            }
        }
        // The slowest jobs, to follow with VTRY_OTEL_LOG_SPANS=true and deploy/local/trace-tree.py.
        String slowest = perJob.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + " " + e.getValue() + " ms").reduce((a, b) -> a + ", " + b).orElse("");
        Collections.sort(overhead);
        Collections.sort(total);
        System.out.printf("overhead: %d jobs (%d with a worker log line); created -> COMPLETED p50 %d ms, p99 %d ms; "
                + "minus the worker's own time: p50 %d ms, p99 %d ms, max %d ms (targets: p50 < 50, p99 < 200)%n",
                jobs, overhead.size(), pct(total, 50), pct(total, 99), pct(overhead, 50), pct(overhead, 99),
                overhead.get(overhead.size() - 1));
        System.out.println("overhead: slowest " + slowest);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Submits from 16 threads at once; returns the job ids. */
    static List<String> submitAtOnce(String person, int jobs) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Semaphore parallel = new Semaphore(16);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(pool.submit(() -> {
                parallel.acquire();
                try {
                    return compose(person);
                } finally {
                    parallel.release();
                }
            }));
        }
        List<String> result = new ArrayList<>();
        for (Future<String> id : ids) {
            result.add(id.get());
        }
        pool.shutdown();
        return result;
    }

    /**
     * Waits until all jobs are COMPLETED or FAILED: one job by GET /jobs/{id} every 10 ms; many by
     * paging through GET /history?kind=all once a second (100 jobs a request), so that polling costs the
     * stack little CPU next to the work measured.
     */
    static Map<String, String> awaitAll(List<String> ids) throws Exception {
        Map<String, String> done = new ConcurrentHashMap<>();
        while (done.size() < ids.size()) {
            if (ids.size() == 1) {
                String job = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/jobs/" + ids.get(0)))
                        .header("Authorization", "Bearer " + key).GET(), 200);
                if (finished(job)) {
                    done.put(ids.get(0), job);
                }
            } else {
                for (int page = 1; (page - 1) * 100 < ids.size() + 100; page++) {
                    String history = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/history?kind=all&pageSize=100&page="
                            + page)).header("Authorization", "Bearer " + key).GET(), 200);
                    for (String job : history.split("\\{\"id\":")) {
                        Matcher id = Pattern.compile("^\"(req_\\w+)\"").matcher(job);
                        if (id.find() && job.contains("\"status\"") && finished(job)) {
                            done.put(id.group(1), job);
                        }
                    }
                }
                done.keySet().retainAll(ids);
            }
            if (done.size() < ids.size()) {
                Thread.sleep(ids.size() == 1 ? 10 : 1000);
            }
        }
        return done;
    }

    static boolean finished(String job) {
        String status = field(job, "status");
        return status.equals("COMPLETED") || status.equals("FAILED");
    }

    static String compose(String person) throws Exception {
        return field(send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons/" + person + "/compose"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"NanoBanana\"}")), 202), "requestId");
    }

    static double inFlight() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8084/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("vtry_worker_jobs_in_flight{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static String createPerson() throws Exception {
        String boundary = "vtry" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbench-" + System.nanoTime()
                + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String sample : List.of("front", "side", "back")) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + sample
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(Files.readAllBytes(Path.of("docs/samples/" + sample + ".jpg")));
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return field(send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/persons"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)), 201), "id");
    }

    /** utime + stime of the process, in seconds (clock ticks of 100 Hz). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String send(HttpRequest.Builder request, int expected) throws Exception {
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                return response.body();
            }
            if (response.statusCode() != 429 || attempt > 20) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(1000);
        }
    }

    /** The first string value of {@code name} in a JSON text (good enough for our own answers). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return m.group(1);
    }
}
