package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.path.json.JsonPath;

/**
 * A fuzz run through the gateway: 10,000 generated requests (-Dvtry.fuzz.requests) over
 * every public endpoint of the API reference and the signed download links, with random methods,
 * paths and ids (valid, another account's, made up, very long, unicode, traversal), query strings,
 * keys and headers, JSON bodies (wrong types, nulls, empty and 100 KB values, deep nesting, broken
 * syntax) and multipart bodies (random parts, real, damaged and oversized images, cut-short
 * envelopes). It proves that no answer is a 5xx, that every 4xx on the API is the documented error
 * body (a 429 with Retry-After too), that no request without a valid key is served, and that the
 * stack is ready afterwards: the jobs the run started all finish and a normal flow still works.
 *
 * <p>The requests go to a pool of accounts, each kept within the reference's per-account limits
 * where possible so that most requests reach the services rather than the limiter; one account is
 * driven past its limits on purpose. Requests that would start real work (compose, clothes,
 * generations, edits) are made invalid, apart from a few valid ones. Request n is a function of
 * (seed, n) alone, except for the account and the live ids it names, which depend on the run: the
 * seed is printed and -Dvtry.fuzz.seed replays it.
 */
class FuzzIT {

    // ---------------------------------------------------------------- settings

    private static final long SEED = Long.getLong("vtry.fuzz.seed", 13_000_013L);
    private static final int REQUESTS = Integer.getInteger("vtry.fuzz.requests", 10_000);
    private static final int THREADS = Integer.getInteger("vtry.fuzz.threads", 8);
    private static final int ACCOUNTS = Integer.getInteger("vtry.fuzz.accounts", 64);
    private static final int WORK_ACCOUNTS = 4;
    private static final long MAX_RUN_SECONDS = Long.getLong("vtry.fuzz.maxSeconds", 600);
    /** Past the gateway's own upstream timeout (60 s, then 504): a slow answer is still an answer. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(70);
    /** The gateway's window is a minute; a little more here, since it counts a request when it arrives. */
    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(61_500);
    private static final String[] PLANS = {"free", "pro", "ultra"};
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** The gateway's own rule (proxy.CanonicalPaths): anything else is 400 invalidPath before it is counted. */
    private static final Pattern CANONICAL = Pattern.compile("(/[A-Za-z0-9._~-]+)+/?");

    // ---------------------------------------------------------------- what is sent

    /** Every public endpoint of the reference, and the gateway's signed downloads; weights follow the limits. */
    private enum Endpoint {
        ME("GET", "/api/v1/me", Payload.NONE, 4),
        PROMPT_PRESETS("GET", "/api/v1/prompt-presets", Payload.NONE, 4),
        PERSONS("GET", "/api/v1/persons", Payload.NONE, 5),
        PERSON_CREATE("POST", "/api/v1/persons", Payload.MULTIPART, 7),
        PERSON_RENAME("PATCH", "/api/v1/persons/{person}", Payload.JSON, 4),
        PERSON_DELETE("DELETE", "/api/v1/persons/{person}", Payload.NONE, 3),
        PERSON_IMAGES("GET", "/api/v1/persons/{person}/images", Payload.NONE, 8),
        PERSON_IMAGES_ADD("POST", "/api/v1/persons/{person}/images", Payload.MULTIPART, 4),
        PERSON_IMAGE_DELETE("DELETE", "/api/v1/persons/{person}/images", Payload.JSON, 3),
        PERSON_COMPOSE("POST", "/api/v1/persons/{person}/compose", Payload.JSON, 2),
        CLOTHES("GET", "/api/v1/clothes", Payload.NONE, 8),
        CLOTH_CREATE("POST", "/api/v1/clothes", Payload.MULTIPART, 3),
        CLOTH_DELETE("DELETE", "/api/v1/clothes/{cloth}", Payload.NONE, 3),
        SOURCE_IMAGES("POST", "/api/v1/clothes/source-images", Payload.JSON, 4),
        GENERATIONS("POST", "/api/v1/generations", Payload.JSON, 3),
        EDITS("POST", "/api/v1/edits", Payload.JSON, 2),
        JOB("GET", "/api/v1/jobs/{job}", Payload.NONE, 10),
        HISTORY("GET", "/api/v1/history", Payload.NONE, 8),
        FILES("GET", "/files/{file}", Payload.NONE, 4);

        private static final int TOTAL_WEIGHT = Arrays.stream(values()).mapToInt(e -> e.weight).sum();

        final String method;
        final String path;
        final Payload payload;
        final int weight;

        Endpoint(String method, String path, Payload payload, int weight) {
            this.method = method;
            this.path = path;
            this.payload = payload;
            this.weight = weight;
        }

        static Endpoint pick(SplittableRandom r) {
            int n = r.nextInt(TOTAL_WEIGHT);
            for (Endpoint e : values()) {
                n -= e.weight;
                if (n < 0) {
                    return e;
                }
            }
            throw new IllegalStateException();
        }

        /** A valid request here queues a job (or runs a worker): the fuzz keeps these invalid. */
        boolean startsWork() {
            return this == PERSON_COMPOSE || this == CLOTH_CREATE || this == GENERATIONS || this == EDITS;
        }
    }

    private enum Payload { NONE, JSON, MULTIPART }

    private enum IdType {
        PERSON("pr_"), CLOTH("cl_"), JOB("req_");

        final String prefix;

        IdType(String prefix) {
            this.prefix = prefix;
        }
    }

    /** How a request presents (or fails to present) its API key; weights in percent. */
    private enum Auth {
        BEARER(82, true), X_API_KEY(4, true), MIXED(2, true), OVER_LIMIT(2, true),
        NONE(3, false), WRONG_KEY(3, false), GARBAGE(4, false);

        final int weight;
        final boolean valid;

        Auth(int weight, boolean valid) {
            this.weight = weight;
            this.valid = valid;
        }

        static Auth pick(SplittableRandom r) {
            int n = r.nextInt(100);
            for (Auth a : values()) {
                n -= a.weight;
                if (n < 0) {
                    return a;
                }
            }
            return BEARER;
        }
    }

    /** The gateway's per-account categories (ai.vtry.gateway.limit.Category) with the reference's limits. */
    private enum Category {
        READ(60), WRITE(30), GENERATE(10), SOURCE_IMAGES(5), NONE(0);

        final int limit;

        Category(int limit) {
            this.limit = limit;
        }

        /** What the run uses of one window: the rest absorbs timing and is left for the checks after it. */
        int budget() {
            return limit - Math.max(1, limit / 8);
        }

        static Category of(String method, String path) {
            if (!path.startsWith("/api/v1/")) {
                return NONE;
            }
            if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
                return READ;
            }
            if (method.equals("POST")) {
                if (path.equals("/api/v1/clothes/source-images")) {
                    return SOURCE_IMAGES;
                }
                if (Set.of("/api/v1/generations", "/api/v1/edits", "/api/v1/clothes").contains(path)
                        || path.matches("/api/v1/persons/[^/]+/compose")) {
                    return GENERATE;
                }
            }
            return WRITE;
        }
    }

    private record Content(byte[] bytes, String type, String kind) {
    }

    private record Part(String name, String filename, String type, byte[] data) {
    }

    /** JSON text put into a document as it is: odd numbers, escapes, deep nesting. */
    private record Raw(String json) {
    }

    private record Outgoing(int index, Endpoint endpoint, Auth auth, Account account, String method, String path,
            String query, List<String[]> headers, Content content, boolean chunked, boolean expectContinue,
            String effectivePath, List<String> notes) {

        String target() {
            return query == null ? path : path + "?" + query;
        }

        /** Served by the public API (after the gateway's dot-segment removal): must answer in the error shape. */
        boolean publicApi() {
            return effectivePath.startsWith("/api/v1/");
        }

        boolean publicPath() {
            return publicApi() || effectivePath.startsWith("/files/");
        }

        String describe() {
            String target = target();
            return "#" + index + " " + endpoint + " " + method + " " + (target.length() > 160 ? target.substring(0, 160) + "..." : target)
                    + " auth=" + auth + (account == null ? "" : " account=" + account.name)
                    + (content == null ? "" : " body=" + content.kind() + "(" + content.bytes().length + " B, "
                            + (content.type() == null ? "no type" : content.type().length() > 60 ? content.type().substring(0, 60) + "..." : content.type()) + ")")
                    + (chunked ? " chunked" : "") + (expectContinue ? " expect-100" : "")
                    + (notes.isEmpty() ? "" : " " + notes);
        }
    }

    /** An account of the pool: its key, the ids it owns (fixtures, then whatever the run creates) and its windows. */
    private static final class Account {
        final String name;
        final String key;
        final IdList persons = new IdList();
        final IdList clothes = new IdList();
        final IdList jobs = new IdList();
        final IdList imageKeys = new IdList();
        /** Signed links, as path and query on the gateway. */
        final IdList links = new IdList();
        private final Map<Category, Deque<Long>> windows = new EnumMap<>(Category.class);

        Account(String name, String key) {
            this.name = name;
            this.key = key;
        }

        IdList ids(IdType type) {
            return switch (type) {
                case PERSON -> persons;
                case CLOTH -> clothes;
                case JOB -> jobs;
            };
        }

        /** Counts a request in {@code category} if the account has budget left there. */
        synchronized boolean tryTake(Category category, long now) {
            Deque<Long> window = windows.computeIfAbsent(category, c -> new ArrayDeque<>());
            while (!window.isEmpty() && now - window.peekFirst() > WINDOW_NANOS) {
                window.pollFirst();
            }
            if (window.size() >= category.budget()) {
                return false;
            }
            window.addLast(now);
            return true;
        }

        synchronized void charge(Category category, int requests) {
            Deque<Long> window = windows.computeIfAbsent(category, c -> new ArrayDeque<>());
            for (int i = 0; i < requests; i++) {
                window.addLast(System.nanoTime());
            }
        }
    }

    /** A few ids of one kind, the newest kept. */
    private static final class IdList {
        private final List<String> values = new ArrayList<>();

        synchronized void add(String value) {
            if (value != null && !value.isBlank() && !values.contains(value)) {
                values.add(value);
                if (values.size() > 12) {
                    values.remove(0);
                }
            }
        }

        synchronized String pick(SplittableRandom r) {
            return values.isEmpty() ? null : values.get(r.nextInt(values.size()));
        }

        synchronized boolean contains(Object value) {
            return values.contains(value);
        }

        /** True if {@code text} names one of the ids. */
        synchronized boolean anyIn(String text) {
            return values.stream().anyMatch(text::contains);
        }
    }

    private record Accepted(Account account, String requestId, int index) {
    }

    // ---------------------------------------------------------------- fixed material

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String PATH_SAFE = ALNUM + "._~-";
    /** Legal in a path as they are, refused by the gateway's canonical-path rule. */
    private static final String PATH_LEGAL = PATH_SAFE + "!$&'()*+,;=:@";
    private static final String PRINTABLE = printable();
    private static final String BASE64URL = ALNUM + "-_";
    private static final int[][] UNICODE_BLOCKS = {{0xA0, 0x24F}, {0x391, 0x3C9}, {0x400, 0x4FF}, {0x5D0, 0x5EA},
            {0x600, 0x6FF}, {0x4E00, 0x4FFF}, {0x1F300, 0x1F64F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0xFFF0, 0xFFFD}};

    private static final byte[] JPEG = TestImages.jpeg(48, 64, new Color(200, 150, 120));
    private static final byte[] JPEG_WIDE = TestImages.jpeg(96, 54, new Color(40, 90, 160));
    private static final byte[] PNG = TestImages.png(40, 56, new Color(30, 160, 90));
    /** 20 megapixels of black in about 60 KB: over the 18 MP limit, refused from its header. */
    private static final byte[] BOMB = TestImages.blankPng(5000, 4000);

    private static final List<String> TRAVERSALS = List.of("..", ".", "...", "..;", "..%2f", "..%2F..%2F", "%2e%2e",
            "%2E", ".%2e", "%2e.", "%2e%2e%2f", "..%5c", "..%5C..%5C", "%252e%252e", "....", "..%00", "%c0%ae%c0%ae",
            "..;a=1", "..%3B", "%2e%2e;", "../..", "../../..", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "../../../q/health",
            "../../../admin/accounts", "..//..//", "./.", "pr_a/../pr_b");
    private static final List<String> SPECIAL_IDS = List.of("", "null", "undefined", "0", "-1", "NaN", "true", "pr_",
            "cl_", "req_", "pr_%00", "%00", "%20", "+", "~", "_", "-", ";", ";a=1", "a;b=c", "%3B", "%2F", "%3F", "%23",
            "*", "%2A", "'%20OR%201=1--", "%27", "%22", "%3Cscript%3E", "$%7Bjndi:ldap:%2F%2Fx%7D", "%E2%80%AE",
            "%EF%BF%BF", "%F0%9F%8D%8C", "%FF", "%C0%80", "pr_abc%0d%0aX-Injected:%201", "PR_ABC", "pr-abc",
            "pr_abc.json", "pr_abc/", "pr_abc//x", "req_" + "9".repeat(30), "index.html", "images", "compose");
    private static final List<String> SPECIAL_STRINGS = List.of("null", "undefined", "true", "false", "0", "-1", "NaN",
            "Infinity", "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE persons; --", "${jndi:ldap://x/a}",
            "{{7*7}}", "%s%s%s%n", "../../etc/passwd", "..\\..\\windows", "\u0000", "a\u0000b", "\r\n\r\nX: y",
            "\u202Eevil", "\uFEFF", "\uFFFD", "😀😀😀", "ß", "İ", "\t", " ", "   leading and trailing   ", "[]", "{}",
            "NanoBanana", "NanoBanana2", "direct", "extract");
    /** Addresses refused before any connection (none resolves a name: no DNS during the run). */
    private static final List<String> BLOCKED_URLS = List.of("http://10.0.0.1/a.jpg", "http://192.168.0.10/img.png",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]/x.jpg", "http://0.0.0.0/", "http://100.64.0.1/x",
            "http://224.0.0.1/x", "http://[fd00::1]/x.png", "http://[::ffff:10.0.0.1]/x", "http://127.0.0.2/x",
            "https://192.0.2.1/x.jpg", "http://[fe80::1]/x", "http://198.18.0.1/x", "http://100.100.100.200/",
            "HTTP://10.0.0.1/x", "http://user:pass@10.0.0.1/x", "http://10.0.0.1:99999/x", "http://[2001::1]/x",
            "http://10.0.0.1/" + "a".repeat(3000));
    /** Not an absolute http(s) URL with a host: refused as input, never fetched. */
    private static final List<String> MALFORMED_URLS = List.of("", " ", "not a url", "ftp://example.com/a.jpg",
            "file:///etc/passwd", "javascript:alert(1)", "http://", "http:///x", "//10.0.0.1/x",
            "data:image/png;base64,iVBORw0KGgo=", "http://[::1", "gopher://10.0.0.1/", "mailto:a@b.c", "/files/x.jpg",
            "x".repeat(5000), "http:\\\\10.0.0.1\\x");
    private static final List<Object> BAD_MODELS = List.of("Banana3", "nanobanana", "NANOBANANA2", "NanoBanana3",
            "gpt-image-1", "🍌", "NanoBanana\u0000", 123, 1.5, true, List.of(), List.of("NanoBanana"),
            Map.of("id", "NanoBanana"), new Raw("1e400"));
    private static final List<String> BAD_MODES = List.of("indirect", "Direct", "DIRECT", "direct,extract", "1", "null",
            "🍌", "extract\u0000");
    private static final List<String> ASPECTS = List.of("auto", "21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4",
            "2:3", "9:16", "1:0", "0:0", "16/9", "-1:1", "999999:1", "square");
    private static final List<String> SCENES = List.of("a rainy street in Paris", "modern hotel lobby with warm daylight",
            "a ski resort terrace with snowy mountains", "studio, grey backdrop");
    private static final List<String> PROMPTS = List.of("change the jacket color to navy", "show the person skiing",
            "premium editorial look, item clearly visible", "black evening dress");
    private static final List<String> FIELD_NAMES = List.of("name", "newName", "key", "model", "url", "pageUrl",
            "sourcePageUrl", "source_page_url", "limit", "prompt", "promptMode", "promptPresetId", "promptPresetTitle",
            "scene", "activity", "composition", "cameraAngle", "cameraDistance", "lighting", "expression", "mood",
            "personId", "clothesIds", "aspectRatio", "resolution", "syncMode", "outputFormat", "numImages", "imageUrl",
            "image_url", "jobId", "clothId", "saveAsClothes", "mode", "file", "files", "userPrompt", "user_prompt",
            "__proto__", "constructor", "$where", "", " ", "a.b", "😀", "x".repeat(300));
    private static final List<String> NUMBERS = List.of("1", "2", "0", "-1", "8", "20", "100", "101", "2147483647",
            "2147483648", "-2147483648", "99999999999999999999", "abc", "", "1.5", "1e3", "%201", "0x10", "%00", "NaN",
            "null", "%EF%BC%91", "1,2", "1;2", "%2B1", "0001", "9".repeat(300), "%FF", "true");
    private static final List<String> KINDS = List.of("images", "all", "ALL", "", "Images", "none", "images,all", "%00",
            "all%20", "jobs");
    private static final List<String> RAW_NUMBERS = List.of("1e400", "-1e400", "123456789012345678901234567890", "-0",
            "0.0000000000000000000001", "2147483648", "-2147483649", "9223372036854775808", "1E+2", "-0.0", "1.0e-400");
    private static final List<String> RAW_STRINGS = List.of("\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"",
            "\"a\\u0000b\"", "\"\\/\\b\\f\\n\\r\\t\"", "\"\\u202e\"");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json;charset=ISO-8859-1", "APPLICATION/JSON", "text/json", "application/problem+json",
            "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data",
            "multipart/form-data; boundary=", "multipart/form-data; boundary=zzz", "multipart/mixed; boundary=x",
            "application/octet-stream", "image/jpeg", "application/xml", "*/*", "application/*", "garbage", "",
            ";;;", "application/json; charset=made-up", "multipart/form-data; charset=made-up; boundary=x",
            "application/json; boundary=x", "application/json, text/plain");
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/html", "application/xml",
            "image/*", "", "application/json;q=0", "text/plain, */*;q=0.1", "application/vnd.vtry.v2+json", "garbage/");
    private static final List<String> AUTHORIZATION_GARBAGE = List.of("", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz",
            "Token abc", "Digest username=\"x\"", "Bearer vtry_short", "Bearer vtry_" + "!".repeat(43),
            "Bearer " + "A".repeat(4000), "Bearer null", "Bearer undefined", "Bearer vtry_" + "A".repeat(44), "vtry_",
            "Bearer Bearer", "Bearer ../../admin");

    // ---------------------------------------------------------------- state of the run

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Account> general = new ArrayList<>();
    private final List<Account> work = new ArrayList<>();
    private Account overLimit;

    private final AtomicInteger processed = new AtomicInteger();
    private final AtomicInteger failureCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> statuses = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> errorCodes = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> endpoints = new ConcurrentSkipListMap<>();
    private final LongAdder pastTheGateway = new LongAdder();
    private final LongAdder outsideTheApi = new LongAdder();
    private final LongAdder retried = new LongAdder();

    // ---------------------------------------------------------------- the test

    @Test
    void tenThousandGeneratedRequestsThroughTheGateway() throws Exception {
        System.out.printf("FuzzIT: seed %d (replay with -Dvtry.fuzz.seed=%d), %d requests, %d threads, %d accounts%n",
                SEED, SEED, REQUESTS, THREADS, ACCOUNTS);
        long setUp = System.nanoTime();
        createAccounts();
        System.out.printf("FuzzIT: %d accounts with a person and a cloth, %d with a composed person, 1 driven past its limits (%.1f s)%n",
                general.size(), work.size(), (System.nanoTime() - setUp) / 1e9);

        long start = System.nanoTime();
        run(start + TimeUnit.SECONDS.toNanos(MAX_RUN_SECONDS));
        printSummary((System.nanoTime() - start) / 1e9);
        List<String> unfinished = awaitAcceptedJobs();

        assertAll("fuzz run with seed " + SEED,
                () -> assertEquals(REQUESTS, processed.get(), "requests sent within " + MAX_RUN_SECONDS + " s"),
                () -> assertTrue(failureCount.get() == 0, this::failureReport),
                () -> assertTrue(unfinished.isEmpty(), () -> "jobs the run started that did not finish: " + unfinished),
                this::stackIsHealthy);
    }

    // ---------------------------------------------------------------- accounts and fixtures

    private void createAccounts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Account>> generals = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                int n = i;
                generals.add(pool.submit(() -> generalAccount(n)));
            }
            List<Future<Account>> works = new ArrayList<>();
            for (int i = 0; i < WORK_ACCOUNTS; i++) {
                int n = i;
                works.add(pool.submit(() -> workAccount(n)));
            }
            for (Future<Account> account : generals) {
                general.add(account.get());
            }
            for (Future<Account> account : works) {
                work.add(account.get());
            }
            overLimit = new Account("over-limit", Stack.newAccount("free"));
            // The direct uploads have had their time to complete: their clothes are listed now (or are found by the run).
            List<Future<?>> listed = new ArrayList<>();
            for (Account account : general) {
                listed.add(pool.submit(() -> {
                    account.charge(Category.READ, 1);
                    harvest(account, as(account.key).get("/api/v1/clothes").then().statusCode(200).extract().asString());
                }));
            }
            for (Future<?> f : listed) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** An account with a person of one reference image (its key and signed link) and a cloth upload queued. */
    private Account generalAccount(int n) {
        Account account = new Account("fz" + n, Stack.newAccount(PLANS[n % PLANS.length]));
        account.charge(Category.WRITE, 1);
        harvest(account, as(account.key).multiPart("name", "fuzz-" + n)
                .multiPart("files", "front.jpg", TestImages.jpeg(60, 90, new Color(n * 3 % 255, 120, 90)), "image/jpeg")
                .post("/api/v1/persons").then().statusCode(201).extract().asString());
        account.charge(Category.GENERATE, 1);
        harvest(account, as(account.key).multiPart("mode", "direct")
                .multiPart("file", "garment.png", PNG, "image/png")
                .post("/api/v1/clothes").then().statusCode(202).extract().asString());
        return account;
    }

    /** An account whose person is composed and who has a cloth: the valid generations and edits go here. */
    private Account workAccount(int n) {
        Account account = new Account("work" + n, Stack.newAccount(n % 2 == 0 ? "pro" : "ultra"));
        account.charge(Category.GENERATE, 2);
        account.charge(Category.WRITE, 1);
        account.charge(Category.READ, 30); // the polls of the two jobs
        account.persons.add(TryOn.composedPerson(account.key));
        account.clothes.add(TryOn.cloth(account.key, new Color(60 * n, 40, 200)));
        harvest(account, as(account.key).get("/api/v1/history?kind=all").then().statusCode(200).extract().asString());
        harvest(account, as(account.key).get("/api/v1/persons").then().statusCode(200).extract().asString());
        return account;
    }

    // ---------------------------------------------------------------- the run

    private void run(long deadline) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < REQUESTS && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    fuzz(i);
                    int done = processed.incrementAndGet();
                    if (done % 1000 == 0) {
                        System.out.printf("FuzzIT: %d/%d requests%n", done, REQUESTS);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(MAX_RUN_SECONDS + REQUEST_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }

    private void fuzz(int index) {
        Outgoing request;
        HttpRequest built;
        try {
            request = generate(index);
            built = toHttp(request);
        } catch (RuntimeException e) {
            failure("#" + index + ": the test could not build it: " + e);
            return;
        }
        count(endpoints, request.endpoint().name());
        try {
            HttpResponse<byte[]> response;
            try {
                response = http.send(built, BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                // A connection cut under a refused upload is a race of TCP, not an answer: once more.
                retried.increment();
                Thread.sleep(200);
                response = http.send(built, BodyHandlers.ofByteArray());
            }
            check(request, response);
        } catch (HttpTimeoutException e) {
            count(statuses, "timeout");
            failure(request.describe() + " -> no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            count(statuses, "no answer");
            failure(request.describe() + " -> no answer, twice: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest toHttp(Outgoing o) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway() + o.target()))
                .timeout(REQUEST_TIMEOUT).expectContinue(o.expectContinue());
        for (String[] header : o.headers()) {
            try {
                builder.header(header[0], header[1]);
            } catch (IllegalArgumentException refused) {
                // a header java.net.http will not send (restricted or malformed): the request goes without it
            }
        }
        BodyPublisher body = o.content() == null ? BodyPublishers.noBody()
                : o.chunked() ? BodyPublishers.fromPublisher(BodyPublishers.ofByteArray(o.content().bytes()))
                : BodyPublishers.ofByteArray(o.content().bytes());
        return builder.method(o.method(), body).build();
    }

    // ---------------------------------------------------------------- the checks of each answer

    private void check(Outgoing o, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        count(statuses, String.valueOf(status));
        if (status >= 500) {
            failure(o, status, body, "a server error");
            return;
        }
        if (!o.publicPath()) {
            outsideTheApi.increment(); // left the public API after dot-segment removal: only "no 5xx" applies
            return;
        }
        if (status >= 200 && status < 300) {
            if (o.publicApi() && !o.auth().valid) {
                failure(o, status, body, "served without a valid API key");
            }
            if (o.publicApi()) {
                pastTheGateway.increment();
                harvest(o, body);
            }
            return;
        }
        if (status < 400) {
            if (status != 304) {
                failure(o, status, body, "neither a success nor an error");
            }
            return;
        }
        String code = errorCode(response, body);
        String problem = code.startsWith("!") ? code.substring(1) : null;
        if (problem != null) {
            failure(o, status, body, problem);
        } else if (code.isEmpty()) {
            count(errorCodes, status + " (no body)");
        } else {
            count(errorCodes, code);
        }
        if (status == 429 && !response.headers().firstValue("Retry-After").orElse("").matches("[1-9][0-9]*")) {
            failure(o, status, body, "a 429 without a Retry-After in seconds");
        }
        if (o.publicApi() && status != 401 && status != 429 && !code.equals("invalidPath")) {
            pastTheGateway.increment();
        }
    }

    /** The error's code, "" for an answer without a body (HEAD, or none sent), "!why" if it is not the error shape. */
    private String errorCode(HttpResponse<byte[]> response, byte[] body) {
        if (response.request().method().equals("HEAD") || body.length == 0) {
            return "";
        }
        String type = response.headers().firstValue("Content-Type").orElse("(none)");
        if (!type.toLowerCase(Locale.ROOT).contains("json")) {
            return "!an error that is not JSON (Content-Type " + type + ")";
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return "!an error body that is not valid JSON";
        }
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || !error.isObject()) {
            return "!no \"error\" object";
        }
        if (!nonEmptyText(error.get("code")) || !nonEmptyText(error.get("message"))) {
            return "!error.code or error.message missing or empty";
        }
        JsonNode details = error.get("details");
        if (details == null || !details.isObject()) {
            return "!error.details is not an object";
        }
        return error.get("code").asText();
    }

    private static boolean nonEmptyText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    private static final Pattern PERSON_ID = Pattern.compile("\"(pr_[a-z0-9]{1,40})\"");
    private static final Pattern CLOTH_ID = Pattern.compile("\"(cl_[a-z0-9]{1,40})\"");
    private static final Pattern JOB_ID = Pattern.compile("\"(req_[a-z0-9]{1,40})\"");
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"(req_[a-z0-9]{1,40})\"");
    private static final Pattern IMAGE_KEY = Pattern.compile("\"key\"\\s*:\\s*\"(persons/[^\"]{1,300})\"");
    private static final Pattern LINK = Pattern.compile("\"https?://[^\"/]{1,200}(/files/[^\"]{1,1000})\"");

    /** The ids a successful answer shows become the account's, for the requests that follow. */
    private void harvest(Outgoing o, byte[] body) {
        if (o.account() == null || body.length == 0 || body.length > 1_000_000) {
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        harvest(o.account(), text);
        Matcher queued = REQUEST_ID.matcher(text);
        if (o.method().equals("POST") && queued.find()) {
            accepted.add(new Accepted(o.account(), queued.group(1), o.index()));
        }
    }

    private static void harvest(Account account, String text) {
        collect(PERSON_ID, text, account.persons);
        collect(CLOTH_ID, text, account.clothes);
        collect(JOB_ID, text, account.jobs);
        collect(IMAGE_KEY, text, account.imageKeys);
        collect(LINK, text, account.links);
    }

    private static void collect(Pattern pattern, String text, IdList into) {
        Matcher m = pattern.matcher(text);
        for (int found = 0; found < 6 && m.find(); found++) {
            into.add(m.group(1));
        }
    }

    private void failure(Outgoing o, int status, byte[] body, String problem) {
        String excerpt = new String(body, 0, Math.min(body.length, 240), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        failure(o.describe() + " -> " + status + ", " + problem + ": " + excerpt);
    }

    private void failure(String line) {
        if (failureCount.incrementAndGet() <= 200) {
            failures.add(line);
        }
    }

    private String failureReport() {
        return failureCount.get() + " of " + processed.get() + " requests failed (seed " + SEED + "), the first "
                + Math.min(20, failures.size()) + ":\n  " + failures.stream().limit(20).collect(Collectors.joining("\n  "));
    }

    private static void count(Map<String, LongAdder> histogram, String key) {
        histogram.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private void printSummary(double seconds) {
        System.out.printf("FuzzIT: %d requests in %.1f s (%.0f/s), seed %d; %d answered past the gateway's key, path and limit checks,"
                + " %d left the public API (only checked for 5xx), %d retried after a cut connection, %d failures%n",
                processed.get(), seconds, processed.get() / Math.max(seconds, 0.001), SEED, pastTheGateway.sum(),
                outsideTheApi.sum(), retried.sum(), failureCount.get());
        System.out.println("FuzzIT: status histogram: " + histogram(statuses));
        System.out.println("FuzzIT: error codes: " + histogram(errorCodes));
        System.out.println("FuzzIT: requests per endpoint: " + histogram(endpoints));
        if (failureCount.get() > 0) {
            System.out.println("FuzzIT: " + failureReport());
        }
    }

    private static String histogram(Map<String, LongAdder> histogram) {
        return histogram.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().sum()).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- after the run

    /** Every job the run started ends (COMPLETED or FAILED) within 90 s; the ids of those that do not. */
    private List<String> awaitAcceptedJobs() throws InterruptedException {
        // The account past its limits would keep answering 429 for a minute: its jobs are not polled.
        List<Accepted> pending = new ArrayList<>(accepted.stream().filter(a -> a.account() != overLimit).toList());
        Map<String, LongAdder> ended = new ConcurrentSkipListMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (Iterator<Accepted> it = pending.iterator(); it.hasNext();) {
                Accepted job = it.next();
                HttpRequest poll = HttpRequest.newBuilder(URI.create(gateway() + "/api/v1/jobs/" + job.requestId()))
                        .header("Authorization", "Bearer " + job.account().key).timeout(REQUEST_TIMEOUT).GET().build();
                try {
                    HttpResponse<byte[]> answer = http.send(poll, BodyHandlers.ofByteArray());
                    if (answer.statusCode() == 200) {
                        String status = json.readTree(answer.body()).path("status").asText();
                        last.put(job.requestId(), status);
                        if (!status.equals("QUEUED") && !status.equals("PROCESSING")) {
                            count(ended, status);
                            it.remove();
                        }
                    } else if (answer.statusCode() != 429) {
                        last.put(job.requestId(), "HTTP " + answer.statusCode());
                    }
                } catch (IOException e) {
                    last.put(job.requestId(), e.toString());
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        System.out.printf("FuzzIT: %d jobs started by the run (%d by the account past its limits, not polled); ended: %s%n",
                accepted.size(), accepted.size() - accepted.stream().filter(a -> a.account() != overLimit).count(),
                histogram(ended));
        return pending.stream().map(j -> j.requestId() + " (#" + j.index() + ", " + j.account().name + ", "
                + last.getOrDefault(j.requestId(), "never read") + ")").toList();
    }

    /** The gateway is ready, and a fresh account goes through the usual flow: person, composite, cloth. */
    private void stackIsHealthy() {
        given().baseUri(gateway()).get("/q/health/ready").then().statusCode(200);
        String key = Stack.newAccount("free");
        as(key).get("/api/v1/me").then().statusCode(200);
        String personId = TryOn.composedPerson(key);
        as(key).get("/api/v1/persons").then().statusCode(200).body("persons.id", hasItem(personId));
        JsonPath images = as(key).get("/api/v1/persons/" + personId + "/images").then().statusCode(200).extract().jsonPath();
        Stack.decode(Stack.download(images.getString("images[0].url")));
        TryOn.cloth(key, Color.ORANGE);
    }

    // ---------------------------------------------------------------- generating request n

    /** Request {@code index}: its shape depends on the seed and the index only. */
    private Outgoing generate(int index) {
        SplittableRandom r = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
        // The first requests take every endpoint once, then by weight.
        Endpoint endpoint = index < Endpoint.values().length ? Endpoint.values()[index] : Endpoint.pick(r);
        boolean valid = endpoint.startsWork() && r.nextInt(100) < 3;
        String method = valid || r.nextInt(100) < 78 ? endpoint.method : METHODS.get(r.nextInt(METHODS.size()));
        Auth auth = valid ? Auth.BEARER : Auth.pick(r);
        Category category = auth.valid && auth != Auth.OVER_LIMIT ? Category.of(method, endpoint.path) : Category.NONE;
        Account account = choose(auth, category, valid, r.nextInt(1 << 30));
        Gen g = new Gen(r, account);

        String path;
        String query;
        if (endpoint == Endpoint.FILES) {
            String[] target = g.fileTarget();
            path = target[0];
            query = target[1];
        } else if (valid) {
            path = g.validPath(endpoint);
            query = null;
        } else {
            path = g.path(endpoint);
            query = g.query(endpoint);
        }
        g.path = path;
        // Bodies a gateway refusal would leave unread stay small (see fuzz(): it closes the connection).
        boolean mayBeRefused = !auth.valid || auth == Auth.OVER_LIMIT || !CANONICAL.matcher(path).matches();
        Content content = valid ? g.validContent(endpoint) : g.content(endpoint, mayBeRefused);
        List<String[]> headers = valid ? g.plainHeaders(content) : g.headers(auth, content);
        boolean hasBody = content != null && content.bytes().length > 0;
        boolean chunked = !valid && hasBody && r.nextInt(100) < 5;
        boolean expectContinue = !valid && hasBody && r.nextInt(100) < 2;
        return new Outgoing(index, endpoint, auth, account, method, path, query, headers, content, chunked,
                expectContinue, effectivePath(path), List.copyOf(g.notes));
    }

    /**
     * The account of a request: the first one (from a random start) with budget left in the request's
     * category, so most requests reach the services; if none has, the start one (a 429).
     */
    private Account choose(Auth auth, Category category, boolean valid, int start) {
        if (auth == Auth.OVER_LIMIT) {
            return overLimit;
        }
        List<Account> pool = valid ? work : general;
        Account first = pool.get(start % pool.size());
        if (category == Category.NONE) {
            return first;
        }
        long now = System.nanoTime();
        for (int k = 0; k < pool.size(); k++) {
            Account account = pool.get((start + k) % pool.size());
            if (account.tryTake(category, now)) {
                return account;
            }
        }
        return first;
    }

    /** The random choices of one request, with the account it is made for. */
    private final class Gen {
        final SplittableRandom r;
        final Account account;
        final List<String> notes = new ArrayList<>();
        /** A few requests carry one 100 KB value. */
        boolean huge;
        /** The request's path, once made. */
        String path = "";

        Gen(SplittableRandom r, Account account) {
            this.r = r;
            this.account = account;
            this.huge = r.nextInt(1000) < 3;
        }

        // ------------------------------------------------ basics

        boolean chance(int percent) {
            return r.nextInt(100) < percent;
        }

        int between(int low, int high) {
            return low + r.nextInt(high - low + 1);
        }

        <T> T pick(List<T> values) {
            return values.get(r.nextInt(values.size()));
        }

        String chars(String alphabet, int n) {
            StringBuilder s = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            return s.toString();
        }

        String unicode(int n) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int[] block = UNICODE_BLOCKS[r.nextInt(UNICODE_BLOCKS.length)];
                s.appendCodePoint(between(block[0], block[1]));
            }
            return s.toString();
        }

        /** Small most of the time, up to 32 KB. */
        byte[] randomBytes() {
            byte[] bytes = new byte[r.nextInt(1 << between(0, 15))];
            r.nextBytes(bytes);
            return bytes;
        }

        String hugeValue() {
            notes.add("100KB-value");
            huge = false;
            return chance(50) ? "x".repeat(100_000) : unicode(30_000);
        }

        /** A string value of any sort (the 100 KB ones are added by the body builders, once). */
        String text() {
            return switch (r.nextInt(11)) {
                case 0 -> "";
                case 1 -> chars(ALNUM, between(1, 12));
                case 2 -> chars(PRINTABLE, between(1, 40));
                case 3 -> unicode(between(1, 20));
                case 4 -> chars(PRINTABLE, between(1000, 4000));
                case 5 -> pick(SPECIAL_STRINGS);
                case 6 -> " \t\n ".repeat(between(1, 5));
                case 7 -> pick(NUMBERS);
                case 8 -> pick(IdType.values()).prefix + chars(ALNUM, between(1, 24));
                case 9 -> pick(SCENES);
                default -> pick(PROMPTS);
            };
        }

        <T> T pick(T[] values) {
            return values[r.nextInt(values.length)];
        }

        String headerText(int max) {
            return chars(PRINTABLE, between(1, max)).strip();
        }

        // ------------------------------------------------ ids

        String own(IdType type) {
            return account.ids(type).pick(r);
        }

        String othersId(IdType type) {
            return general.get(r.nextInt(general.size())).ids(type).pick(r);
        }

        String madeUp(IdType type) {
            return type.prefix + chars("abcdefghijklmnopqrstuvwxyz234567", 20);
        }

        /** An id as a path segment: valid, someone else's, made up, garbage, long, unicode, traversal or odd. */
        String pathId(IdType type) {
            int k = r.nextInt(100);
            String id;
            if (k < 40) {
                id = own(type);
            } else if (k < 45) {
                id = own(pick(IdType.values()));
            } else if (k < 53) {
                id = othersId(type);
            } else if (k < 66) {
                id = chance(50) ? madeUp(type) : type.prefix + chars(ALNUM, between(1, 30));
            } else if (k < 74) {
                id = chars(chance(25) ? PATH_LEGAL : PATH_SAFE, between(1, 40));
            } else if (k < 78) {
                notes.add("long-id");
                id = chars(PATH_SAFE, between(200, 2000));
            } else if (k < 82) {
                id = percentEncode(unicode(between(1, 12)));
            } else if (k < 88) {
                notes.add("traversal");
                id = pick(TRAVERSALS);
            } else {
                id = pick(SPECIAL_IDS);
            }
            return id == null ? madeUp(type) : id;
        }

        /** An id as a JSON or form value. */
        Object bodyId(IdType type) {
            int k = r.nextInt(100);
            Object id;
            if (k < 50) {
                id = own(type);
            } else if (k < 60) {
                id = othersId(type);
            } else if (k < 75) {
                id = madeUp(type);
            } else if (k < 85) {
                id = text();
            } else {
                id = anyValue(0);
            }
            return id == null ? madeUp(type) : id;
        }

        // ------------------------------------------------ paths and queries

        String validPath(Endpoint e) {
            return e.path.replace("{person}", orMadeUp(own(IdType.PERSON), IdType.PERSON));
        }

        String orMadeUp(String id, IdType type) {
            return id == null ? madeUp(type) : id;
        }

        String path(Endpoint e) {
            String path = e.path;
            for (IdType type : IdType.values()) {
                String slot = "{" + type.name().toLowerCase(Locale.ROOT) + "}";
                if (path.contains(slot)) {
                    path = path.replace(slot, pathId(type));
                }
            }
            if (chance(8)) {
                path = mutatePath(path);
            }
            return path.length() > 2300 ? path.substring(0, 2300) : path;
        }

        String mutatePath(String path) {
            int k = r.nextInt(12);
            notes.add("path-" + k);
            int last = path.lastIndexOf('/');
            return switch (k) {
                case 0 -> path + "/";
                case 1 -> path + ";a=1";
                case 2 -> path.replaceFirst("/api/v1/", "/api/v1//");
                case 3 -> path + "/" + chars(ALNUM, between(1, 10));
                case 4 -> last > 0 ? path.substring(0, last) : path;
                case 5 -> last >= 0 && last + 1 < path.length() && ALNUM.indexOf(path.charAt(last + 1)) >= 0
                        ? path.substring(0, last + 1) + "%" + Integer.toHexString(path.charAt(last + 1)) + path.substring(last + 2)
                        : path + "%2F";
                case 6 -> path.replaceFirst("/api/v1/", "/api/V1/");
                case 7 -> path.replaceFirst("/api/v1/", "/api/v2/");
                case 8 -> path.replaceFirst("/api/v1/", "/api/v1/./");
                case 9 -> path.replaceFirst("/api/v1/", "/api/v1/persons/../");
                case 10 -> path.replaceFirst("/api/v1/([a-z])", "/api/v1/X$1");
                default -> path + "/..%2f";
            };
        }

        String query(Endpoint e) {
            List<String> params = new ArrayList<>();
            if (e == Endpoint.CLOTHES || e == Endpoint.HISTORY) {
                if (chance(70)) {
                    params.add("page=" + pick(NUMBERS));
                }
                if (chance(70)) {
                    params.add("pageSize=" + pick(NUMBERS));
                }
                if (e == Endpoint.HISTORY && chance(60)) {
                    params.add("kind=" + pick(KINDS));
                }
            }
            if (e == Endpoint.PERSON_IMAGE_DELETE && chance(50)) {
                params.add("key=" + encode(String.valueOf(imageKey())));
            }
            if (chance(8)) {
                for (int i = between(1, 4); i > 0; i--) {
                    params.add(chars(ALNUM, between(1, 8)) + (chance(80) ? "=" + encode(text()) : ""));
                }
            }
            if (chance(3)) {
                params.add(pick(List.of("page=1&page=2", "=", "&&&", "a==b", "%00=%00", ";", "kind", "pageSize=",
                        "key=persons%2F..%2F..%2Fx", "x[]=1&x[]=2".replace("[", "%5B").replace("]", "%5D"))));
            }
            String query = String.join("&", params);
            if (query.length() > 1500) {
                query = query.substring(0, 1500).replaceAll("%[0-9A-Fa-f]?$", "");
            }
            return query.isEmpty() ? (chance(2) ? "" : null) : query;
        }

        /** A signed download: valid, tampered, expired, unsigned, or a made-up key. */
        String[] fileTarget() {
            String link = account.links.pick(r);
            if (link == null) {
                link = general.get(r.nextInt(general.size())).links.pick(r);
            }
            if (link == null) {
                link = "/files/persons/x/y/z.jpg?expires=1&signature=x";
            }
            int q = link.indexOf('?');
            String path = q < 0 ? link : link.substring(0, q);
            String query = q < 0 ? null : link.substring(q + 1);
            int k = r.nextInt(100);
            if (k < 30) {
                notes.add("valid-link");
            } else if (k < 45) {
                notes.add("tampered-link");
                query = query == null ? null : query.replaceFirst("signature=[^&]*", "signature=" + chars(BASE64URL, 43));
            } else if (k < 52) {
                notes.add("expired-link");
                query = query == null ? null : query.replaceFirst("expires=[0-9]*", "expires=" + pick(List.of("1", "0", "-1", "abc", "99999999999999999999", "")));
            } else if (k < 60) {
                query = chance(50) ? null : "";
            } else if (k < 75) {
                path = "/files/persons/" + chars(ALNUM, 8) + "/" + chars(ALNUM, 6) + "/" + chars(ALNUM, 12) + ".jpg";
                query = "expires=" + (System.currentTimeMillis() / 1000 + 3600) + "&signature=" + chars(BASE64URL, 43);
            } else if (k < 88) {
                path = "/files/" + pathId(pick(IdType.values()));
            } else {
                query = pick(List.of("expires=abc&signature=", "signature=x&signature=y", "expires=1e9&signature=%00",
                        "expires=" + "9".repeat(400), "expires&signature", "%FF=%FF"));
            }
            return new String[] {path, query};
        }

        // ------------------------------------------------ headers

        List<String[]> plainHeaders(Content content) {
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Authorization", "Bearer " + account.key});
            if (content != null && content.type() != null) {
                headers.add(new String[] {"Content-Type", content.type()});
            }
            return headers;
        }

        List<String[]> headers(Auth auth, Content content) {
            List<String[]> headers = new ArrayList<>();
            switch (auth) {
                case BEARER, OVER_LIMIT -> headers.add(new String[] {"Authorization",
                        pick(List.of("Bearer ", "Bearer ", "bearer ", "BEARER ", "Bearer   ")) + account.key});
                case X_API_KEY -> headers.add(new String[] {pick(List.of("x-api-key", "X-API-KEY", "X-Api-Key")), account.key});
                case MIXED -> {
                    headers.add(new String[] {"Authorization", pick(List.of("Basic dXNlcjpwYXNz", "Token abc", "Digest username=\"x\""))});
                    headers.add(new String[] {"x-api-key", account.key});
                }
                case NONE -> {
                }
                case WRONG_KEY -> headers.add(chance(70)
                        ? new String[] {"Authorization", "Bearer vtry_" + chars(BASE64URL, 43)}
                        : new String[] {"x-api-key", "vtry_" + chars(BASE64URL, 43)});
                case GARBAGE -> {
                    headers.add(new String[] {"Authorization", pick(AUTHORIZATION_GARBAGE)});
                    if (chance(30)) {
                        headers.add(new String[] {"x-api-key", chance(50) ? "" : headerText(200)});
                    }
                }
            }
            if (content != null && content.type() != null) {
                headers.add(new String[] {"Content-Type", content.type()});
            } else if (chance(5)) {
                headers.add(new String[] {"Content-Type", pick(CONTENT_TYPES)});
            }
            if (chance(15)) {
                headers.add(new String[] {"Accept", pick(ACCEPTS)});
            }
            if (chance(10)) {
                for (int i = between(1, 5); i > 0; i--) {
                    headers.add(new String[] {"X-Fuzz-" + chars(ALNUM, between(1, 12)), headerText(200)});
                }
            }
            if (chance(8)) {
                headers.add(standardHeader());
            }
            if (chance(2)) {
                notes.add("4KB-header");
                headers.add(new String[] {pick(List.of("X-Fuzz-Huge", "User-Agent", "Accept-Language", "Cookie",
                        "Idempotency-Key", "X-Request-Id")), chars(ALNUM + " ;=,", between(1000, 4096)).strip()});
            }
            if (content != null && chance(1)) {
                headers.add(new String[] {"Content-Encoding", pick(List.of("gzip", "deflate", "br", "identity", "garbage"))});
            }
            return headers;
        }

        String[] standardHeader() {
            return switch (r.nextInt(16)) {
                case 0 -> new String[] {"Idempotency-Key", headerText(80)};
                case 1 -> new String[] {"If-None-Match", pick(List.of("*", "\"abc\"", "W/\"x\"", "garbage"))};
                case 2 -> new String[] {"If-Match", pick(List.of("*", "\"abc\"", "garbage"))};
                case 3 -> new String[] {"If-Modified-Since", pick(List.of("Sat, 29 Oct 1994 19:43:31 GMT", "garbage", "0"))};
                case 4 -> new String[] {"Cache-Control", pick(List.of("no-cache", "max-age=-1", "no-store, garbage"))};
                case 5 -> new String[] {"Accept-Language", pick(List.of("de-DE,de;q=0.9", "*", "zz", headerText(40)))};
                case 6 -> new String[] {"User-Agent", headerText(200)};
                case 7 -> new String[] {"X-Forwarded-For", pick(List.of("1.2.3.4", "garbage", "::1, 10.0.0.1", "127.0.0.1", ""))};
                case 8 -> new String[] {"Forwarded", pick(List.of("for=1.2.3.4;proto=https", "for=\"[::1]\"", "garbage"))};
                case 9 -> new String[] {"X-Real-IP", pick(List.of("10.0.0.1", "garbage"))};
                case 10 -> new String[] {"X-Request-Id", headerText(120)};
                case 11 -> new String[] {"X-Vtry-Workspace", "ws_" + chars(ALNUM, 10)};
                case 12 -> new String[] {"Range", pick(List.of("bytes=0-10", "bytes=garbage", "bytes=-1", "bytes=0-0,5-5"))};
                case 13 -> new String[] {"Traceparent", pick(List.of("00-" + chars("0123456789abcdef", 32) + "-"
                        + chars("0123456789abcdef", 16) + "-01", "garbage", "00-00000000000000000000000000000000-0000000000000000-00"))};
                case 14 -> new String[] {"Last-Event-ID", headerText(60)};
                default -> new String[] {"Accept-Encoding", "identity"};
            };
        }

        // ------------------------------------------------ bodies

        /** A valid request that starts a job: on a work account, with its composed person and its cloth. */
        Content validContent(Endpoint e) {
            notes.add("valid");
            String person = orMadeUp(own(IdType.PERSON), IdType.PERSON);
            String cloth = orMadeUp(own(IdType.CLOTH), IdType.CLOTH);
            return switch (e) {
                case GENERATIONS -> validJson(new LinkedHashMap<>(Map.of("model", "NanoBanana", "personId", person,
                        "clothesIds", List.of(cloth), "scene", pick(SCENES), "aspectRatio", pick(ASPECTS.subList(0, 11)),
                        "outputFormat", pick(List.of("jpeg", "png")), "numImages", 1)), "valid-generation");
                case EDITS -> {
                    Map<String, Object> edit = new LinkedHashMap<>();
                    int source = r.nextInt(3);
                    String job = own(IdType.JOB);
                    if (source == 0 || job == null) {
                        edit.put("clothId", cloth);
                    } else if (source == 1) {
                        edit.put("jobId", job);
                    } else {
                        edit.put("imageUrl", validLink());
                    }
                    edit.put("prompt", pick(PROMPTS));
                    yield validJson(edit, "valid-edit");
                }
                case PERSON_COMPOSE -> validJson(Map.of("model", "NanoBanana"), "valid-compose");
                default -> {
                    List<Part> parts = new ArrayList<>();
                    if (chance(70)) {
                        parts.add(text("mode", "direct"));
                        parts.add(new Part("file", "garment.png", "image/png", PNG));
                    } else {
                        parts.add(text("mode", "extract"));
                        parts.add(text("model", "NanoBanana"));
                        parts.add(text("prompt", pick(PROMPTS)));
                        parts.add(new Part("file", "photo.jpg", "image/jpeg", JPEG_WIDE));
                    }
                    String boundary = "vtry" + chars(ALNUM, 16);
                    yield new Content(multipart(parts, boundary, "\r\n", true), "multipart/form-data; boundary=" + boundary, "valid-cloth");
                }
            };
        }

        /** The fuzzed body of a request to {@code e}; {@code small}: at most 16 KB. */
        Content content(Endpoint e, boolean small) {
            if (small) {
                huge = false;
            }
            Content content = switch (e.payload) {
                case JSON -> jsonContent(e);
                case MULTIPART -> multipartContent(e);
                case NONE -> chance(85) ? null : strayContent(e);
            };
            if (content != null && small && content.bytes().length > 16_384) {
                notes.add("cut-to-16KB");
                content = new Content(Arrays.copyOf(content.bytes(), 16_384), content.type(), content.kind());
            }
            return content;
        }

        /** A body where none belongs (GET, DELETE): any of the other kinds. */
        Content strayContent(Endpoint e) {
            return switch (r.nextInt(3)) {
                case 0 -> json(jsonTemplate(e), "stray-json");
                case 1 -> new Content(randomBytes(), chance(50) ? pick(CONTENT_TYPES) : null, "stray-bytes");
                default -> multipartBody(Endpoint.PERSON_CREATE);
            };
        }

        Content jsonContent(Endpoint e) {
            int k = r.nextInt(100);
            if (k < 58) {
                Map<String, Object> body = jsonTemplate(e);
                int mutations = r.nextInt(4);
                for (int i = 0; i < mutations; i++) {
                    mutate(body);
                }
                if (huge) {
                    body.put(pick(List.copyOf(body.keySet().isEmpty() ? FIELD_NAMES : body.keySet())), hugeValue());
                }
                return json(invalidated(e, body), "json-" + mutations + "-mutations");
            }
            if (k < 64) {
                return new Content(utf8(broken(toJson(invalidated(e, jsonTemplate(e))))), jsonType(), "broken-json");
            }
            if (k < 69) {
                return new Content(new byte[0], chance(80) ? jsonType() : null, "empty");
            }
            if (k < 73) {
                int depth = between(100, 3000);
                return new Content(utf8(deep(depth, chance(50)).json()), jsonType(), "nested-" + depth);
            }
            if (k < 77) {
                return new Content(utf8(pick(List.of("null", "[]", "{}", "\"\"", "0", "true", "[{}]", "\"NanoBanana\"",
                        " ", "\n\t", "[null]", "{\"\":\"\"}"))), jsonType(), "scalar-json");
            }
            if (k < 80) {
                return new Content(randomBytes(), chance(70) ? jsonType() : pick(CONTENT_TYPES), "random-bytes");
            }
            if (k < 83) {
                String text = toJson(invalidated(e, jsonTemplate(e)));
                byte[] bytes = chance(50) ? concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(text))
                        : concat(utf8("{\"name\":\"a"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, utf8("\"," + text.substring(1)));
                return new Content(bytes, jsonType(), "bom-or-bad-utf8");
            }
            if (k < 86) {
                String text = toJson(invalidated(e, jsonTemplate(e)));
                String key = pick(List.of("name", "key", "url", "personId", "prompt", "limit", "clothesIds"));
                return new Content(utf8("{\"" + key + "\":" + toJson(anyValue(0)) + "," + text.substring(1)), jsonType(), "duplicate-key");
            }
            if (k < 89) {
                return multipartBody(Endpoint.PERSON_CREATE);
            }
            if (k < 91) {
                return new Content(utf8("model=" + encode(toJson(pick(BAD_MODELS))) + "&name=" + encode(text()) + "&url="
                        + encode(fetchUrl())), "application/x-www-form-urlencoded", "form");
            }
            if (k < 94) {
                Map<String, Object> other = jsonTemplate(pick(List.of(Endpoint.PERSON_RENAME, Endpoint.PERSON_IMAGE_DELETE,
                        Endpoint.PERSON_COMPOSE, Endpoint.SOURCE_IMAGES, Endpoint.GENERATIONS, Endpoint.EDITS)));
                return json(invalidated(e, other), "other-endpoint-json");
            }
            if (chance(50)) {
                List<Object> many = new ArrayList<>();
                for (int i = between(100, 1000); i > 0; i--) {
                    many.add(Map.of("id", madeUp(IdType.CLOTH)));
                }
                return json(many, "long-array");
            }
            Map<String, Object> wide = new LinkedHashMap<>();
            for (int i = between(100, 500); i > 0; i--) {
                wide.put(chars(ALNUM, 8), anyValue(2));
            }
            return json(invalidated(e, wide), "wide-object");
        }

        String jsonType() {
            return chance(88) ? "application/json" : pick(CONTENT_TYPES);
        }

        /** Close to a valid body of the endpoint, per the reference. */
        Map<String, Object> jsonTemplate(Endpoint e) {
            Map<String, Object> m = new LinkedHashMap<>();
            switch (e) {
                case PERSON_RENAME -> m.put(chance(80) ? "name" : "newName", personName());
                case PERSON_IMAGE_DELETE -> m.put("key", imageKey());
                case PERSON_COMPOSE -> m.put("model", pick(List.of("NanoBanana", "NanoBanana2")));
                case SOURCE_IMAGES -> {
                    m.put(pick(List.of("url", "url", "pageUrl", "sourcePageUrl", "source_page_url")), fetchUrl());
                    if (chance(60)) {
                        m.put("limit", between(-2, 25));
                    }
                }
                case GENERATIONS -> {
                    m.put("model", pick(List.of("NanoBanana", "NanoBanana2")));
                    m.put("personId", bodyId(IdType.PERSON));
                    List<Object> clothes = new ArrayList<>();
                    for (int i = between(0, 3); i > 0; i--) {
                        clothes.add(bodyId(IdType.CLOTH));
                    }
                    m.put("clothesIds", clothes);
                    optional(m, 60, "scene", pick(SCENES));
                    optional(m, 40, "activity", "walking toward camera");
                    optional(m, 40, "prompt", pick(PROMPTS));
                    optional(m, 25, "promptMode", pick(List.of("template", "preset", "raw", "RAW", "x")));
                    optional(m, 20, pick(List.of("promptPresetId", "promptPresetTitle")),
                            pick(List.of("modern-gray-studio", "city-walk-pose", "Modern Gray Studio", "no-such-preset")));
                    optional(m, 15, pick(List.of("composition", "cameraAngle", "cameraDistance", "lighting", "expression", "mood")), text());
                    optional(m, 50, "aspectRatio", pick(ASPECTS));
                    optional(m, 30, "resolution", pick(List.of("1K", "2K", "4K", "8K", "1k")));
                    optional(m, 30, "outputFormat", pick(List.of("jpeg", "png", "webp", "JPEG")));
                    optional(m, 40, "numImages", between(-1, 6));
                    optional(m, 20, "syncMode", r.nextBoolean());
                }
                case EDITS -> {
                    optional(m, 70, "model", pick(List.of("NanoBanana", "NanoBanana2")));
                    m.put("prompt", pick(PROMPTS));
                    int sources = chance(80) ? 1 : r.nextInt(4);
                    List<String> fields = new ArrayList<>(List.of("imageUrl", "jobId", "clothId"));
                    for (int i = 0; i < sources; i++) {
                        String field = fields.remove(r.nextInt(fields.size()));
                        m.put(field, switch (field) {
                            case "imageUrl" -> fetchUrl();
                            case "jobId" -> bodyId(IdType.JOB);
                            default -> bodyId(IdType.CLOTH);
                        });
                    }
                    optional(m, 40, "aspectRatio", pick(ASPECTS));
                    optional(m, 25, "resolution", pick(List.of("1K", "2K", "4K", "8K")));
                    optional(m, 25, "outputFormat", pick(List.of("jpeg", "png", "gif")));
                    optional(m, 20, "saveAsClothes", r.nextBoolean());
                }
                default -> {
                    for (int i = r.nextInt(5); i > 0; i--) {
                        m.put(pick(FIELD_NAMES), anyValue(0));
                    }
                }
            }
            return m;
        }

        void optional(Map<String, Object> m, int percent, String field, Object value) {
            if (chance(percent)) {
                m.put(field, value);
            }
        }

        /** One random change to a JSON object: wrong types, nulls, empties, unknown fields, nesting. */
        void mutate(Map<String, Object> m) {
            List<String> keys = new ArrayList<>(m.keySet());
            String key = keys.isEmpty() || chance(15) ? pick(FIELD_NAMES) : pick(keys);
            switch (r.nextInt(10)) {
                case 0 -> m.put(key, anyValue(0));
                case 1 -> m.remove(key);
                case 2 -> m.put(chance(50) ? pick(FIELD_NAMES) : text(), anyValue(0));
                case 3 -> m.put(key, null);
                case 4 -> m.put(key, "");
                case 5 -> m.put(key, deep(between(20, 1500), chance(50)));
                case 6 -> m.put(key, new ArrayList<>(Arrays.asList(m.get(key), m.get(key))));
                case 7 -> m.put(key, chance(50) ? new Raw(pick(RAW_NUMBERS)) : (Object) r.nextBoolean());
                case 8 -> {
                    Object value = m.remove(key);
                    m.put(key.toUpperCase(Locale.ROOT) + (chance(50) ? " " : ""), value);
                }
                default -> m.put(key, text());
            }
        }

        /**
         * A body that could queue a job is made invalid with a model that does not exist: a compose of
         * one of the account's persons, an edit of its cloth, its job or a real signed link, anything
         * on a work account. The others stay as they are (a generation elsewhere stops at 400
         * compositeRequired: only the work accounts have a composed person), and some of them get a
         * wrong model too.
         */
        <T> T invalidated(Endpoint e, T body) {
            if (!(body instanceof Map<?, ?>) || !e.startsWork()) {
                return body;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) body;
            boolean couldStartWork = work.contains(account) || switch (e) {
                case GENERATIONS -> false;
                case EDITS -> account.jobs.contains(m.get("jobId")) || account.clothes.contains(m.get("clothId"))
                        || m.get("imageUrl") instanceof String url && knownLink(url);
                case PERSON_COMPOSE -> account.persons.anyIn(path);
                default -> true;
            };
            if (couldStartWork || chance(30)) {
                m.put("model", pick(BAD_MODELS));
            }
            return body;
        }

        boolean knownLink(String url) {
            if (!url.startsWith(gateway())) {
                return false;
            }
            String link = url.substring(gateway().length());
            return overLimit.links.contains(link) || general.stream().anyMatch(a -> a.links.contains(link))
                    || work.stream().anyMatch(a -> a.links.contains(link));
        }

        /** Any JSON value: every type, odd numbers and escapes, long and unicode strings, nesting. */
        Object anyValue(int depth) {
            return switch (r.nextInt(depth > 3 ? 9 : 14)) {
                case 0 -> null;
                case 1 -> r.nextBoolean();
                case 2 -> between(-5, 5);
                case 3 -> new Raw(pick(RAW_NUMBERS));
                case 4 -> r.nextDouble() * 1e6;
                case 5 -> "";
                case 6 -> text();
                case 7 -> new Raw(pick(RAW_STRINGS));
                case 8 -> chance(50) ? pick(BLOCKED_URLS) : pick(MALFORMED_URLS);
                case 9 -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = r.nextInt(5); i > 0; i--) {
                        list.add(anyValue(depth + 1));
                    }
                    yield list;
                }
                case 10 -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (int i = r.nextInt(5); i > 0; i--) {
                        object.put(chance(50) ? pick(FIELD_NAMES) : chars(ALNUM, 5), anyValue(depth + 1));
                    }
                    yield object;
                }
                case 11 -> deep(between(10, 200), r.nextBoolean());
                case 12 -> unicode(between(1, 50));
                default -> pick(IdType.values()).prefix + chars(ALNUM, 20);
            };
        }

        Raw deep(int depth, boolean arrays) {
            return arrays ? new Raw("[".repeat(depth) + "]".repeat(depth))
                    : new Raw("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        }

        /** Valid JSON made invalid in one of the usual ways. */
        String broken(String text) {
            int k = r.nextInt(10);
            notes.add("broken-" + k);
            return switch (k) {
                case 0 -> text.substring(0, r.nextInt(Math.max(1, text.length())));
                case 1 -> chance(50) ? text + "}" : "{" + text;
                case 2 -> text.replaceFirst(":", "=");
                case 3 -> text.endsWith("}") && text.length() > 2 ? text.substring(0, text.length() - 1) + ",}" : text + ",";
                case 4 -> text.replace('"', '\'');
                case 5 -> "/* comment */" + text;
                case 6 -> text.replaceFirst("\\{", "{\"numImages\":NaN,");
                case 7 -> text.replaceAll("\"([A-Za-z_]+)\":", "$1:");
                case 8 -> text + text;
                default -> "{\"name\":\"" + chars(ALNUM, 10);
            };
        }

        Content json(Object body, String kind) {
            return new Content(utf8(toJson(body)), jsonType(), kind);
        }

        Content validJson(Map<String, Object> body, String kind) {
            return new Content(utf8(toJson(body)), "application/json", kind);
        }

        // ------------------------------------------------ multipart

        Content multipartContent(Endpoint e) {
            int k = r.nextInt(100);
            if (k < 80) {
                return multipartBody(e);
            }
            if (k < 85) {
                return json(invalidated(e, jsonTemplate(Endpoint.GENERATIONS)), "json-to-multipart");
            }
            if (k < 90) {
                return new Content(new byte[0], "multipart/form-data; boundary=" + chars(ALNUM, 12), "empty-multipart");
            }
            if (k < 95) {
                return new Content(randomBytes(), "multipart/form-data; boundary=" + chars(ALNUM, 12), "random-multipart");
            }
            List<Part> parts = multipartTemplate(e);
            if (e == Endpoint.CLOTH_CREATE) {
                invalidate(parts);
            }
            String form = parts.stream().filter(p -> p.filename() == null)
                    .map(p -> encode(p.name()) + "=" + encode(new String(p.data(), StandardCharsets.UTF_8)))
                    .collect(Collectors.joining("&"));
            return new Content(utf8(form), "application/x-www-form-urlencoded", "form");
        }

        /** A multipart body made for {@code e}'s fields, changed a little, in an envelope that may be broken. */
        Content multipartBody(Endpoint e) {
            List<Part> parts = multipartTemplate(e);
            int mutations = r.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                mutate(parts);
            }
            if (huge) {
                parts.add(r.nextInt(parts.size() + 1), text(chance(50) ? "name" : pick(FIELD_NAMES), hugeValue()));
            }
            if (e == Endpoint.CLOTH_CREATE) {
                invalidate(parts);
            }
            return envelope(parts, "multipart-" + mutations + "-mutations");
        }

        /** Close to a valid upload of the endpoint, per the reference. */
        List<Part> multipartTemplate(Endpoint e) {
            List<Part> parts = new ArrayList<>();
            switch (e) {
                case PERSON_CREATE -> {
                    parts.add(text("name", chance(85) ? personName() : text()));
                    imageInput(parts, "files", 3);
                }
                case PERSON_IMAGES_ADD -> imageInput(parts, "files", 2);
                case CLOTH_CREATE -> {
                    boolean extract = chance(50);
                    parts.add(text("mode", extract ? "extract" : "direct"));
                    imageInput(parts, "file", 1);
                    if (extract || chance(20)) {
                        parts.add(text("model", pick(List.of("NanoBanana", "NanoBanana2"))));
                    }
                    if (chance(30)) {
                        parts.add(text(pick(List.of("prompt", "userPrompt", "user_prompt")), pick(PROMPTS)));
                    }
                    if (chance(20)) {
                        parts.add(text("resolution", pick(List.of("1K", "2K", "4K", "8K"))));
                    }
                }
                default -> {
                    for (int i = r.nextInt(4); i > 0; i--) {
                        parts.add(chance(70) ? text(pick(FIELD_NAMES), text()) : file(chars(ALNUM, 5)));
                    }
                }
            }
            return parts;
        }

        void imageInput(List<Part> parts, String field, int max) {
            if (chance(80)) {
                for (int i = between(1, max); i > 0; i--) {
                    parts.add(file(field));
                }
            } else {
                parts.add(text(pick(List.of("imageUrl", "image_url")), fetchUrl()));
                if (chance(50)) {
                    parts.add(text(pick(List.of("sourcePageUrl", "source_page_url")),
                            pick(List.of("https://example.com/lookbook", "not a url", "http://10.0.0.1/page", ""))));
                }
            }
        }

        Part text(String name, String value) {
            return new Part(name, null, null, utf8(value));
        }

        /** A file part: mostly a real little image, else damaged, oversized, another format or random bytes. */
        Part file(String field) {
            int k = r.nextInt(100);
            byte[] data;
            String type = "image/jpeg";
            String filename = "photo.jpg";
            if (k < 45) {
                data = JPEG;
            } else if (k < 60) {
                data = chance(50) ? PNG : JPEG_WIDE;
                type = data == PNG ? "image/png" : type;
                filename = data == PNG ? "photo.png" : filename;
            } else if (k < 66) {
                data = Arrays.copyOf(JPEG, between(1, JPEG.length - 1));
                notes.add("cut-image");
            } else if (k < 70) {
                data = PNG.clone();
                for (int i = 0; i < 8; i++) {
                    data[between(40, data.length - 1)] ^= (byte) between(1, 255);
                }
                notes.add("damaged-image");
            } else if (k < 73) {
                data = BOMB;
                type = "image/png";
                notes.add("20MP-png");
            } else if (k < 77) {
                data = concat(utf8("RIFF"), new byte[] {20, 0, 0, 0}, utf8("WEBPVP8 "), randomBytes());
                type = "image/webp";
            } else if (k < 80) {
                data = concat(utf8("GIF89a"), randomBytes());
                type = "image/gif";
            } else if (k < 82) {
                data = utf8("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>");
                type = "image/svg+xml";
            } else if (k < 84) {
                data = concat(JPEG, randomBytes());
            } else if (k < 86) {
                data = new byte[0];
            } else if (k < 88) {
                data = Arrays.copyOf(JPEG, 3);
            } else {
                data = randomBytes();
                type = pick(List.of("image/jpeg", "image/png", "application/octet-stream", "text/plain"));
            }
            if (chance(10)) {
                filename = pick(List.of("", "../../etc/passwd", "a\"b.jpg", "photo.jpg\u0000.png", unicode(8) + ".jpg",
                        "x".repeat(300) + ".jpg", "no-extension", ".jpg", "photo.exe"));
            }
            if (chance(8)) {
                type = pick(List.of("", "image/jpeg; charset=x", "text/plain", "garbage", "image/*", "multipart/mixed"));
            }
            return new Part(field, filename, type, data);
        }

        /** One random change to the parts: drop, repeat, add, rename, odd values, names, files and types. */
        void mutate(List<Part> parts) {
            int k = r.nextInt(9);
            notes.add("part-" + k);
            int i = parts.isEmpty() ? 0 : r.nextInt(parts.size());
            Part part = parts.isEmpty() ? text("name", "x") : parts.get(i);
            switch (k) {
                case 0 -> {
                    if (!parts.isEmpty()) {
                        parts.remove(i);
                    }
                }
                case 1 -> parts.add(part);
                case 2 -> parts.add(text(chance(50) ? pick(FIELD_NAMES) : text(), text()));
                case 3 -> parts.add(file(chance(50) ? pick(FIELD_NAMES) : chars(ALNUM, 4)));
                case 4 -> set(parts, i, new Part(part.name(), null, null, utf8(text())));
                case 5 -> set(parts, i, new Part(part.name(), part.filename() == null ? "f.bin" : part.filename(),
                        part.type(), randomBytes()));
                case 6 -> set(parts, i, new Part(pick(List.of(part.name().toUpperCase(Locale.ROOT), part.name() + "[]",
                        "", " " + part.name(), unicode(3), "\"" + part.name())), part.filename(), part.type(), part.data()));
                case 7 -> set(parts, i, new Part(part.name(), pick(List.of("", "a\r\nb.jpg", "../x.jpg", unicode(5))),
                        part.type(), part.data()));
                default -> set(parts, i, new Part(part.name(), part.filename(),
                        pick(List.of("", "text/plain", "application/json", "image/jpeg; boundary=x", "garbage")), part.data()));
            }
        }

        void set(List<Part> parts, int i, Part part) {
            if (parts.isEmpty()) {
                parts.add(part);
            } else {
                parts.set(i, part);
            }
        }

        /** No valid mode: the clothes endpoint refuses the upload before it stores or queues anything. */
        void invalidate(List<Part> parts) {
            parts.removeIf(p -> p.name().equals("mode"));
            if (chance(70)) {
                parts.add(r.nextInt(parts.size() + 1), text("mode", pick(BAD_MODES)));
            }
        }

        /** The parts as a multipart/form-data body, mostly well formed, sometimes not. */
        Content envelope(List<Part> parts, String kind) {
            String boundary = chance(90) ? "----vtry" + chars(ALNUM, 16) : chars(ALNUM + "'()+_,-./:=?", between(1, 90));
            String type = "multipart/form-data; boundary=" + boundary;
            String eol = "\r\n";
            boolean close = true;
            byte[] before = new byte[0];
            byte[] after = new byte[0];
            int k = r.nextInt(100);
            if (k >= 80) {
                notes.add("envelope-" + k);
                switch (k) {
                    case 80, 81 -> type = "multipart/form-data";
                    case 82, 83 -> type = "multipart/form-data; boundary=" + chars(ALNUM, 10);
                    case 84 -> type = "multipart/form-data; boundary=\"" + boundary + "\"";
                    case 85, 86 -> eol = "\n";
                    case 87, 88 -> close = false;
                    case 89 -> before = utf8("preamble " + text() + "\r\n");
                    case 90 -> after = utf8("epilogue " + text());
                    case 91 -> type = "multipart/form-data; boundary=" + boundary + "; charset=" + pick(List.of("utf-8", "made-up", "UTF-16"));
                    case 92 -> type = "multipart/mixed; boundary=" + boundary;
                    case 93 -> type = null;
                    case 94 -> type = pick(CONTENT_TYPES);
                    case 95 -> parts.clear();
                    default -> {
                        byte[] whole = multipart(parts, boundary, eol, true);
                        return new Content(Arrays.copyOf(whole, r.nextInt(Math.max(1, whole.length))), type, kind + "-cut");
                    }
                }
            }
            return new Content(concat(before, multipart(parts, boundary, eol, close), after), type, kind);
        }

        // ------------------------------------------------ values

        String personName() {
            return chance(85) ? "fz-" + chars("abcdefghijklmnopqrstuvwxyz0123456789", between(3, 12)) : text();
        }

        Object imageKey() {
            String own = account.imageKeys.pick(r);
            return switch (r.nextInt(6)) {
                case 0, 1 -> own == null ? "persons/x/y/z.jpg" : own;
                case 2 -> "persons/" + chars(ALNUM, 10) + "/" + chars(ALNUM, 6) + "/" + chars(ALNUM, 12) + ".jpg";
                case 3 -> pick(List.of("persons/../../etc/passwd", "../x", "/", "", "persons/", "clothes/x.jpg", "%2e%2e"));
                case 4 -> text();
                default -> anyValue(0);
            };
        }

        /** A URL for the services to import: never a host name (no DNS), never a port nothing listens on. */
        String fetchUrl() {
            int k = r.nextInt(100);
            if (k < 45) {
                return pick(BLOCKED_URLS);
            }
            if (k < 70) {
                return pick(MALFORMED_URLS);
            }
            if (k < 88) {
                return tamperedLink();
            }
            return validLink();
        }

        /** A link on the gateway that answers 4xx: the import fails with 422. */
        String tamperedLink() {
            String link = validLink();
            return switch (r.nextInt(4)) {
                case 0 -> link.replaceFirst("signature=[^&]*", "signature=" + chars(BASE64URL, 43));
                case 1 -> link.replaceFirst("expires=[0-9]*", "expires=1");
                case 2 -> gateway() + "/api/v1/me";
                default -> gateway() + "/files/nothing/" + chars(ALNUM, 8) + ".jpg?expires=1&signature=x";
            };
        }

        /** A signed link to a real image of the run, on the gateway's own address (allowed for imports in the test stack). */
        String validLink() {
            String link = account.links.pick(r);
            if (link == null) {
                link = general.get(r.nextInt(general.size())).links.pick(r);
            }
            return gateway() + (link == null ? "/files/none.jpg?expires=1&signature=x" : link);
        }
    }

    // ---------------------------------------------------------------- encoding

    private static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        writeJson(out, value);
        return out.toString();
    }

    private static void writeJson(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote(out, String.valueOf(entry.getKey()));
                out.append(':');
                writeJson(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeJson(out, list.get(i));
            }
            out.append(']');
        } else {
            quote(out, value.toString());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static byte[] multipart(List<Part> parts, String boundary, String eol, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(utf8("--" + boundary + eol + "Content-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"") + eol
                    + (part.type() == null ? "" : "Content-Type: " + part.type() + eol) + eol));
            out.writeBytes(part.data());
            out.writeBytes(utf8(eol));
        }
        if (close) {
            out.writeBytes(utf8("--" + boundary + "--" + eol));
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] a : arrays) {
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Every byte outside the unreserved characters as %XX (UTF-8). */
    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && PATH_SAFE.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String printable() {
        StringBuilder s = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            s.append(c);
        }
        return s.toString();
    }

    private static String gateway() {
        String base = Stack.GATEWAY;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * The path the gateway routes, as Vert.x normalizes it: unreserved characters decoded, empty
     * segments collapsed, dot segments removed.
     */
    static String effectivePath(String raw) {
        StringBuilder decoded = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int value = Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16);
                if (Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0
                        && value < 0x80 && PATH_SAFE.indexOf((char) value) >= 0) {
                    decoded.append((char) value);
                    i += 2;
                    continue;
                }
            }
            decoded.append(c);
        }
        Deque<String> segments = new ArrayDeque<>();
        boolean trailingSlash = false;
        for (String segment : decoded.toString().split("/", -1)) {
            trailingSlash = segment.isEmpty() || segment.equals(".") || segment.equals("..");
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!trailingSlash) {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments) + (trailingSlash && !segments.isEmpty() ? "/" : "");
    }
}
