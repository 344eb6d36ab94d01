package ai.vtry.common.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.image.ImageFormat;

/**
 * Runs the fetcher against a real HTTP server on 127.0.0.1. The fetcher allow-lists only the name
 * {@code localhost}, so the loopback literal (and every other private address) must stay refused.
 */
class SafeUrlFetcherTest {

    private static final int MAX_BYTES = 100_000;
    private static final String ACCEPT = "image/jpeg, image/png, image/webp";
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    /** Bodies over MAX_BYTES start with this, so a temp file left behind by this test can be recognised. */
    private static final byte[] MARKER = ("VTRY-FETCH-TEST-" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);

    private static HttpServer server;
    private static ExecutorService handlers;
    private static int port;
    private static byte[] image;

    private record Seen(String path, String host, Headers headers) {
    }

    private static final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    /** Counted down after each test: handlers that stream or stall give up then. */
    private static volatile CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void startServer() throws IOException {
        image = new byte[20_000];
        new Random(42).nextBytes(image);
        image[0] = (byte) 0x89;

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        port = server.getAddress().getPort();

        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders()));
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                route(path, exchange);
            } catch (IOException e) {
                // the client went away: fine for the tests that abort
            }
        });
        server.start();
    }

    private static void route(String path, HttpExchange exchange) throws IOException {
        if (path.equals("/img")) {
            exchange.getResponseHeaders().set("Content-Type", "image/PNG");
            send(exchange, 200, image);
        } else if (path.equals("/r1")) {
            redirect(exchange, 302, "/r2");
        } else if (path.equals("/r2")) {
            redirect(exchange, 301, "http://localhost:" + port + "/img");
        } else if (path.startsWith("/chain/")) {
            int left = Integer.parseInt(path.substring("/chain/".length()));
            if (left > 0) {
                redirect(exchange, 307, "/chain/" + (left - 1));
            } else {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                send(exchange, 200, image);
            }
        } else if (path.equals("/to-loopback-ip")) {
            redirect(exchange, 302, "http://127.0.0.1:" + port + "/img");
        } else if (path.equals("/to-ipv6-loopback")) {
            redirect(exchange, 302, "http://[::1]:" + port + "/img");
        } else if (path.equals("/to-metadata")) {
            redirect(exchange, 302, "http://169.254.169.254/latest/meta-data/");
        } else if (path.equals("/to-ftp")) {
            redirect(exchange, 302, "ftp://localhost/secret");
        } else if (path.equals("/no-location")) {
            send(exchange, 302, new byte[0]);
        } else if (path.equals("/bad-location")) {
            redirect(exchange, 302, "/a path with spaces/|pipe");
        } else if (path.equals("/big-length")) {
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            send(exchange, 200, oversized(3 * MAX_BYTES));
        } else if (path.equals("/big-chunked")) {
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, 0); // chunked, no Content-Length
            byte[] body = oversized(3 * MAX_BYTES);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int off = 0; off < body.length; off += 8192) {
                    out.write(body, off, Math.min(8192, body.length - off));
                }
            }
        } else if (path.equals("/exact-length")) {
            send(exchange, 200, oversized(MAX_BYTES));
        } else if (path.equals("/exact-chunked")) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(oversized(MAX_BYTES));
            }
        } else if (path.equals("/missing")) {
            send(exchange, 404, "not here".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/gone")) {
            send(exchange, 410, "gone for good".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/broken")) {
            send(exchange, 500, "oops".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/slow")) {
            pause(Duration.ofSeconds(10)); // far beyond the 1 s timeout of the test's fetcher
            send(exchange, 200, image);
        } else if (path.startsWith("/slow-chain/")) {
            int left = Integer.parseInt(path.substring("/slow-chain/".length()));
            pause(Duration.ofMillis(600));
            if (left > 0) {
                redirect(exchange, 302, "/slow-chain/" + (left - 1));
            } else {
                send(exchange, 200, image);
            }
        } else if (path.equals("/endless")) {
            // a hostile source: chunked bytes, forever (until the test is over)
            exchange.sendResponseHeaders(200, 0);
            stream(exchange, 16 * 1024, Duration.ofMillis(10));
        } else if (path.equals("/endless-declared")) {
            // declares far more than the limit, then delivers it slowly
            exchange.sendResponseHeaders(200, 500_000_000L);
            stream(exchange, 16 * 1024, Duration.ofMillis(10));
        } else if (path.equals("/trickle")) {
            // one byte at a time: every read succeeds, so no socket timeout ever fires
            exchange.sendResponseHeaders(200, 0);
            stream(exchange, 1, Duration.ofMillis(100));
        } else if (path.equals("/real-png")) {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", png);
            send(exchange, 200, png.toByteArray());
        } else if (path.equals("/echo")) {
            send(exchange, 200, "ok".getBytes(StandardCharsets.UTF_8));
        } else {
            send(exchange, 404, new byte[0]);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, status, new byte[0]);
    }

    /** Writes {@code chunk} bytes every {@code every} until the test releases it (20 s at most). */
    private static void stream(HttpExchange exchange, int chunk, Duration every) throws IOException {
        CountDownLatch until = release;
        byte[] bytes = Arrays.copyOf(MARKER, Math.max(chunk, MARKER.length));
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        OutputStream out = exchange.getResponseBody();
        int off = 0;
        while (System.nanoTime() < end && until.getCount() > 0) {
            out.write(bytes, off, chunk);
            off = (off + chunk) % (bytes.length - chunk + 1);
            out.flush();
            if (pause(every) && until.getCount() == 0) {
                break;
            }
        }
        out.close();
    }

    /** The slow handlers' only sleep; returns early (true) when the test releases them. */
    private static boolean pause(Duration d) {
        try {
            return release.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static byte[] oversized(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(MARKER, 0, body, 0, MARKER.length);
        return body;
    }

    @AfterAll
    static void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @BeforeEach
    void reset() {
        seen.clear();
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseHandlers() {
        release.countDown();
    }

    private static SafeUrlFetcher fetcher() {
        return fetcher(Duration.ofSeconds(5), 3);
    }

    private static SafeUrlFetcher fetcher(Duration totalTimeout, int maxRedirects) {
        return new SafeUrlFetcher(AddressPolicy.allowing("localhost"), MAX_BYTES, Duration.ofSeconds(2), totalTimeout, maxRedirects);
    }

    private static String local(String path) {
        return "http://localhost:" + port + path;
    }

    private static FetchException fetchFails(SafeUrlFetcher fetcher, String url) {
        return assertThrows(FetchException.class, () -> {
            try (Fetched f = fetcher.fetch(url, null, ACCEPT)) {
                fail("fetched " + f + " from " + url);
            }
        });
    }

    private static void assertError(int status, String code, FetchException e) {
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.status(), e.getMessage());
    }

    private static List<String> pathsSeen() {
        return seen.stream().map(Seen::path).toList();
    }

    // ---------------------------------------------------------------- success

    @Test
    void plainFetchSpoolsTheBodyToATempFileDeletedOnClose() throws IOException {
        Path file;
        try (SafeUrlFetcher fetcher = fetcher(); Fetched fetched = fetcher.fetch(local("/img"), null, ACCEPT)) {
            file = fetched.file();
            assertArrayEquals(image, Files.readAllBytes(file));
            assertEquals(image.length, fetched.size());
            assertEquals("image/png", fetched.contentType()); // lower-cased from image/PNG
            assertEquals(URI.create(local("/img")), fetched.finalUrl());
            assertTrue(file.getFileName().toString().startsWith("vtry-fetch-"), file.toString());
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file), "temp file not deleted on close: " + file);

        Seen request = seen.peek();
        assertEquals("/img", request.path());
        assertEquals("localhost:" + port, request.host());
        assertEquals(ACCEPT, request.headers().getFirst("Accept"));
        assertTrue(request.headers().getFirst("User-Agent").startsWith("VtryFetcher/"), request.headers().getFirst("User-Agent"));
        assertNull(request.headers().getFirst("Referer"));
        assertNull(request.headers().getFirst("Cookie"));
    }

    @Test
    void refererIsSentWhenGiven() {
        try (SafeUrlFetcher fetcher = fetcher();
             Fetched fetched = fetcher.fetch(local("/echo"), "https://shop.example/item/42?color=red", ACCEPT)) {
            assertEquals(2, fetched.size());
        }

        assertEquals("https://shop.example/item/42?color=red", seen.peek().headers().getFirst("Referer"));
    }

    @Test
    void blankRefererIsNotSent() {
        try (SafeUrlFetcher fetcher = fetcher(); Fetched fetched = fetcher.fetch(local("/echo"), "  ", ACCEPT)) {
            assertEquals(2, fetched.size());
        }

        assertNull(seen.peek().headers().getFirst("Referer"));
    }

    @Test
    void twoHopRedirectChainIsFollowed() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher(); Fetched fetched = fetcher.fetch(local("/r1"), "https://shop.example/", ACCEPT)) {
            assertArrayEquals(image, Files.readAllBytes(fetched.file()));
            assertEquals(URI.create(local("/img")), fetched.finalUrl());
            assertEquals("image/png", fetched.contentType());
        }

        assertEquals(List.of("/r1", "/r2", "/img"), pathsSeen());
        for (Seen s : seen) {
            assertEquals("https://shop.example/", s.headers().getFirst("Referer"), s.path());
        }
    }

    @Test
    void redirectsUpToTheLimitAreFollowed() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher(Duration.ofSeconds(5), 3);
             Fetched fetched = fetcher.fetch(local("/chain/3"), null, ACCEPT)) {
            assertArrayEquals(image, Files.readAllBytes(fetched.file()));
            assertEquals(URI.create(local("/chain/0")), fetched.finalUrl());
        }
        assertEquals(List.of("/chain/3", "/chain/2", "/chain/1", "/chain/0"), pathsSeen());
    }

    @Test
    void moreRedirectsThanTheLimitAreRefused() {
        try (SafeUrlFetcher fetcher = fetcher(Duration.ofSeconds(5), 3)) {
            FetchException e = fetchFails(fetcher, local("/chain/4"));

            assertError(502, "sourceUnreachable", e);
            assertTrue(e.getMessage().contains("more than 3"), e.getMessage());
        }
        assertEquals(List.of("/chain/4", "/chain/3", "/chain/2", "/chain/1"), pathsSeen());
    }

    @Test
    void bodyOfExactlyMaxBytesIsAccepted() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            try (Fetched withLength = fetcher.fetch(local("/exact-length"), null, ACCEPT)) {
                assertEquals(MAX_BYTES, withLength.size());
            }
            try (Fetched chunked = fetcher.fetch(local("/exact-chunked"), null, ACCEPT)) {
                assertEquals(MAX_BYTES, chunked.size());
            }
        }
    }

    // ---------------------------------------------------------------- where it may not go

    @Test
    void localhostIsRefusedWhenNotAllowListed() {
        try (SafeUrlFetcher strict = new SafeUrlFetcher(AddressPolicy.allowing(""), MAX_BYTES, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3)) {
            FetchException e = fetchFails(strict, local("/img"));
            assertError(400, "urlNotAllowed", e);
            assertTrue(e.getMessage().contains("does not resolve to a public address"), e.getMessage());
        }
        assertEquals(List.of(), pathsSeen(), "a request reached the server");
    }

    @Test
    void loopbackLiteralIsRefusedAlthoughLocalhostIsAllowListed() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", fetchFails(fetcher, "http://127.0.0.1:" + port + "/img"));
        }
        assertEquals(List.of(), pathsSeen(), "a request reached the server through 127.0.0.1");
    }

    @Test
    void redirectToTheLoopbackLiteralIsRefused() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", fetchFails(fetcher, local("/to-loopback-ip")));
        }
        assertEquals(List.of("/to-loopback-ip"), pathsSeen(), "the redirect target was fetched");
    }

    @Test
    void redirectToIpv6LoopbackIsRefused() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", fetchFails(fetcher, local("/to-ipv6-loopback")));
        }
        assertEquals(List.of("/to-ipv6-loopback"), pathsSeen());
    }

    @Test
    void redirectToCloudMetadataIsRefused() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", fetchFails(fetcher, local("/to-metadata")));
        }
    }

    @Test
    void redirectToAnotherSchemeIsRefused() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", fetchFails(fetcher, local("/to-ftp")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://localhost/img", "file:///etc/passwd", "http://user:pass@localhost/", "https://user@localhost/img",
            "gopher://localhost:70/_", "javascript:alert(1)", "not a url", "http://", "http:///img", "//localhost/img",
            "localhost/img", "http://[::1/", "::::", "http://example.com:99999/img", "https://localhost:65536/"})
    void urlsThatAreNotHttpOrCarryCredentialsAreRefused(String url) {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", fetchFails(fetcher, url));
        }
        assertEquals(List.of(), pathsSeen());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void emptyUrlIsRefused(String url) {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", fetchFails(fetcher, url));
        }
    }

    @Test
    void credentialsInLocalhostUrlAreRefusedBeforeAnyRequest() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            FetchException e = fetchFails(fetcher, "http://user:pass@localhost:" + port + "/img");
            assertError(400, "urlNotAllowed", e);
            assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        }
        assertEquals(List.of(), pathsSeen());
    }

    @Test
    void refererThatIsNotHttpIsRefused() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(local("/img"), "file:///etc/passwd", ACCEPT));
            assertError(400, "urlNotAllowed", e);
        }
    }

    // ---------------------------------------------------------------- unreachable sources

    @Test
    void notFoundOrGoneIsTheClientsErrorNotABadGateway() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            FetchException e = fetchFails(fetcher, local("/missing"));
            assertError(422, "sourceUnreachable", e);
            assertEquals("The source answered HTTP 404", e.getMessage());
            assertEquals(Map.of("upstreamStatus", 404), e.details());
            FetchException gone = fetchFails(fetcher, local("/gone"));
            assertError(422, "sourceUnreachable", gone);
            assertEquals(Map.of("upstreamStatus", 410), gone.details());
        }
    }

    @Test
    void serverErrorIsSourceUnreachable() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            FetchException e = fetchFails(fetcher, local("/broken"));
            assertError(502, "sourceUnreachable", e);
            assertEquals(Map.of("upstreamStatus", 500), e.details());
        }
    }

    @Test
    void redirectWithoutLocationIsSourceUnreachable() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(502, "sourceUnreachable", fetchFails(fetcher, local("/no-location")));
        }
    }

    @Test
    void anUnresolvableNameAnswersExactlyLikeANameOfAPrivateAddress() {
        try (SafeUrlFetcher strict = new SafeUrlFetcher(AddressPolicy.allowing(""), MAX_BYTES, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3)) {
            FetchException unknown = fetchFails(strict, "http://no-such-host.invalid/img.png");
            FetchException internal = fetchFails(strict, "http://localhost:" + port + "/img");
            assertError(400, "urlNotAllowed", unknown);
            assertError(400, "urlNotAllowed", internal);
            // nothing tells an existing internal name from a missing one
            assertEquals("The host no-such-host.invalid does not resolve to a public address", unknown.getMessage());
            assertEquals("The host localhost does not resolve to a public address", internal.getMessage());
        }
    }

    @Test
    void closedPortIsSourceUnreachable() throws IOException {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(502, "sourceUnreachable", fetchFails(fetcher, "http://localhost:" + closed + "/img"));
        }
    }

    @Test
    void serverSlowerThanTheTotalTimeoutIsSourceUnreachable() {
        try (SafeUrlFetcher fetcher = fetcher(Duration.ofSeconds(1), 3)) {
            long start = System.nanoTime();
            FetchException e = fetchFails(fetcher, local("/slow"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertError(502, "sourceUnreachable", e);
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        }
    }

    /** A malformed Location is the source's fault: it must end as a FetchException, not an IllegalArgumentException (a 500). */
    @Test
    void malformedRedirectLocationIsAFetchException() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> fetcher.fetch(local("/bad-location"), null, ACCEPT).close());
            if (!(e instanceof FetchException fe)) {
                throw new AssertionError("expected a FetchException, got " + e, e);
            }
            assertTrue(List.of("sourceUnreachable", "urlNotAllowed").contains(fe.code()), fe.code());
        }
    }

    // ---------------------------------------------------------------- size limit

    @Test
    void bodyOverMaxBytesWithContentLengthIsTooLargeAndLeavesNoFile() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "sourceTooLarge", fetchFails(fetcher, local("/big-length")));
        }
        assertEquals(List.of(), leftoverTempFiles());
    }

    @Test
    void chunkedBodyOverMaxBytesIsTooLargeAndLeavesNoFile() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "sourceTooLarge", fetchFails(fetcher, local("/big-chunked")));
        }
        assertEquals(List.of(), leftoverTempFiles());
    }

    // ---------------------------------------------------------------- image imports

    @Test
    void anImportedImageIsSniffedAndAnythingElseIsNotAnImage() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher()) {
            try (FetchedImage png = fetcher.fetchImage(local("/real-png"), local("/page"))) {
                assertEquals(ImageFormat.PNG, png.info().format());
                assertEquals(3, png.info().width());
                assertEquals(2, png.info().height());
                assertTrue(Files.exists(png.fetched().file()));
            }
            ApiException e = assertThrows(ApiException.class,
                    () -> fetcher.fetchImage(local("/img"), null)); // a PNG signature, then random bytes
            assertEquals("notAnImage", e.code());
            assertEquals(400, e.status());
            assertEquals(Map.of("field", "imageUrl"), e.details());
        }
        assertEquals(List.of(), leftoverTempFiles());
        assertEquals(local("/page"), seen.stream().filter(r -> r.path().equals("/real-png")).findFirst().orElseThrow()
                .headers().getFirst("Referer"));
    }

    // ---------------------------------------------------------------- prefix fetches (header probes)

    @Test
    void aPrefixFetchCutsTheBodyAndAsksForARange() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher(); Fetched fetched = fetcher.fetchPrefix(local("/img"), null, ACCEPT, 1000)) {
            assertEquals(1000, fetched.size());
            assertArrayEquals(Arrays.copyOf(image, 1000), Files.readAllBytes(fetched.file()));
        }
        assertEquals("bytes=0-999", seen.peek().headers().getFirst("Range"));
    }

    @Test
    void aPrefixFetchOfABodyShorterThanThePrefixGetsItAll() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher(); Fetched fetched = fetcher.fetchPrefix(local("/r1"), null, ACCEPT, 1_000_000)) {
            assertArrayEquals(image, Files.readAllBytes(fetched.file()));
        }
    }

    @Test
    void aPrefixFetchOfAnEndlessBodyStopsAtOnce() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher()) {
            Fetched fetched = assertTimeoutPreemptively(Duration.ofSeconds(4),
                    () -> fetcher.fetchPrefix(local("/endless-declared"), null, ACCEPT, 64 * 1024));
            try (fetched) {
                assertEquals(64 * 1024, fetched.size());
            }
        }
        assertEquals(List.of(), leftoverTempFiles());
    }

    @Test
    void aPrefixFetchChecksAddressesLikeAnyFetch() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            assertError(400, "urlNotAllowed", assertThrows(FetchException.class,
                    () -> fetcher.fetchPrefix(local("/to-metadata"), null, ACCEPT, 1000)));
            assertError(422, "sourceUnreachable", assertThrows(FetchException.class,
                    () -> fetcher.fetchPrefix(local("/missing"), null, ACCEPT, 1000)));
        }
    }

    // ---------------------------------------------------------------- hostile sources must not hold a worker

    @Test
    void endlessBodyFailsFastAsTooLarge() throws IOException {
        try (SafeUrlFetcher fetcher = fetcher()) {
            FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> fetchFails(fetcher, local("/endless")),
                    "an endless body is still being read after the size limit was hit");
            assertError(400, "sourceTooLarge", e);
        }
        assertEquals(List.of(), leftoverTempFiles());
    }

    @Test
    void hugeDeclaredBodyFailsFastAsTooLarge() {
        try (SafeUrlFetcher fetcher = fetcher()) {
            FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> fetchFails(fetcher, local("/endless-declared")),
                    "a body declared larger than the limit is still being read");
            assertError(400, "sourceTooLarge", e);
        }
    }

    @Test
    void tricklingBodyFailsAtTheTotalTimeout() {
        try (SafeUrlFetcher fetcher = fetcher(Duration.ofSeconds(1), 3)) {
            FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> fetchFails(fetcher, local("/trickle")),
                    "a body trickling in byte by byte outlives the 1 s total timeout");
            assertError(502, "sourceUnreachable", e);
        }
    }

    @Test
    void theTotalTimeoutStopsALongRedirectChainAtItsDeadlineNotAtItsEnd() {
        // six answers of 0.6 s: the chain takes 3.6 s, the fetch must give up at 1 s
        try (SafeUrlFetcher fetcher = fetcher(Duration.ofSeconds(1), 5)) {
            FetchException e = assertTimeoutPreemptively(Duration.ofMillis(2500), () -> fetchFails(fetcher, local("/slow-chain/5")),
                    "the fetch went on past its deadline");
            assertError(502, "sourceUnreachable", e);
            assertEquals("The source did not answer in time", e.getMessage());
        }
    }

    @Test
    void totalTimeoutCoversTheWholeRedirectChain() {
        // four answers of 0.6 s each: every one is within the 1 s timeout, the fetch as a whole is not
        try (SafeUrlFetcher fetcher = fetcher(Duration.ofSeconds(1), 5)) {
            FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> fetchFails(fetcher, local("/slow-chain/3")));
            assertError(502, "sourceUnreachable", e);
        }
    }

    /** vtry-fetch-* files in the temp dir that hold this test's oversized bodies. */
    private static List<Path> leftoverTempFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(TMP)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("vtry-fetch-")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] head = in.readNBytes(MARKER.length);
                    if (head.length == 0 || Arrays.equals(head, MARKER)) {
                        out.add(p);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // deleted meanwhile (another module's test, say)
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }
}
