package ai.vtry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;

/** Forwarding to the echo upstream of {@link UpstreamTestResource}. */
@QuarkusTest
class ProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL gateway;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void forwardsMethodPathQueryAndHeadersWithAnInternalTokenInsteadOfTheKey() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/persons/pr_1/compose?a=1&b=x%20y"))
                .header("Authorization", owner.bearer())
                .header("X-Custom", "hello")
                .header("X-Request-Id", "req-42")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", "k-1")
                .header("Forwarded", "for=10.0.0.1")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Real-IP", "10.0.0.3")
                .header("X-Vtry-Workspace", "ws_someone_else")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"alice\"}")));

        assertEquals(200, response.statusCode());
        assertEquals("POST", header(response, "X-Echo-Method"));
        assertEquals("/person/api/v1/persons/pr_1/compose", header(response, "X-Echo-Path"));
        assertEquals("a=1&b=x%20y", header(response, "X-Echo-Query"));
        // Only an allow-list of the client's headers goes on: nothing a service could take for the gateway's word.
        assertEquals("null", header(response, "X-Echo-Custom"));
        assertEquals("null", header(response, "X-Echo-Forwarded"));
        assertEquals("null", header(response, "X-Echo-Forwarded-Host"));
        assertEquals("null", header(response, "X-Echo-Real-Ip"));
        assertEquals("null", header(response, "X-Echo-Vtry-Workspace"));
        // Idempotency-Key is applied by the gateway, once, for every service: services never see it.
        assertEquals("null", header(response, "X-Echo-Idempotency-Key"));
        assertEquals("application/json", header(response, "X-Echo-Accept"));
        assertEquals("application/json", header(response, "X-Echo-Content-Type"));
        assertEquals("16", header(response, "X-Echo-Content-Length"));
        assertEquals("127.0.0.1", header(response, "X-Echo-Forwarded-For"));
        assertEquals("req-42", header(response, "X-Echo-Request-Id"));
        assertEquals("req-42", header(response, "X-Request-Id"));
        assertEquals("{\"name\":\"alice\"}", new String(response.body(), StandardCharsets.UTF_8));

        String authorization = header(response, "X-Echo-Authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        assertTrue(!authorization.contains(owner.apiKey()));
        JsonWebToken jwt = verify(authorization.substring(7));
        assertEquals("vtry-gateway", jwt.getIssuer());
        assertEquals(Set.of("vtry-services"), jwt.getAudience());
        assertEquals(owner.userId(), jwt.getSubject());
        assertEquals(owner.workspaceId(), jwt.getClaim("wid"));
        assertEquals("pro", jwt.getClaim("plan"));
        assertEquals(60, jwt.getExpirationTime() - jwt.getIssuedAtTime());
    }

    @Test
    void theForwardedRequestContinuesTheClientsTraceFromTheGatewaysSpan() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpanId = "00f067aa0ba902b7";
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/history"))
                .header("Authorization", owner.bearer())
                .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .header("tracestate", "client=1").GET());

        assertEquals(200, response.statusCode());
        String forwarded = header(response, "X-Echo-Traceparent");
        // One traceparent, the gateway's own: same trace, a span of the gateway's in place of the client's.
        assertTrue(forwarded.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"), forwarded);
        String[] parts = forwarded.split("-");
        assertEquals(traceId, parts[1]);
        assertTrue(!parts[2].equals(clientSpanId), forwarded);
        // Exporting is off by default (vtry.tracing.enabled): the gateway records nothing and says so.
        assertEquals("00", parts[3]);
        assertEquals("client=1", header(response, "X-Echo-Tracestate"));
    }

    @Test
    void aRequestWithoutTraceContextStartsATrace() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/history"))
                .header("Authorization", owner.bearer()).GET());

        String forwarded = header(response, "X-Echo-Traceparent");
        assertTrue(forwarded.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), forwarded);
        assertTrue(!forwarded.startsWith("00-00000000000000000000000000000000"), forwarded);
    }

    @Test
    void anXApiKeyIsReplacedToo() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/history"))
                .header("x-api-key", owner.apiKey()).GET());

        assertEquals(200, response.statusCode());
        assertEquals("GET", header(response, "X-Echo-Method"));
        assertEquals("/job/api/v1/history", header(response, "X-Echo-Path"));
        assertEquals("null", header(response, "X-Echo-Api-Key"));
        assertEquals("null", header(response, "X-Echo-Content-Length"));
        assertEquals(owner.userId(), verify(header(response, "X-Echo-Authorization").substring(7)).getSubject());
        assertTrue(header(response, "X-Request-Id").matches("[0-9a-f-]{36}"));
        assertEquals(header(response, "X-Request-Id"), header(response, "X-Echo-Request-Id"));
    }

    @Test
    void aMembersTokenCarriesTheOwnersWorkspaceAndPlan() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("ultra");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/prompt-presets"))
                .header("Authorization", member.bearer()).GET());

        assertEquals("/generation/api/v1/prompt-presets", header(response, "X-Echo-Path"));
        JsonWebToken jwt = verify(header(response, "X-Echo-Authorization").substring(7));
        assertEquals(member.userId(), jwt.getSubject());
        assertEquals(owner.workspaceId(), jwt.getClaim("wid"));
        assertEquals("ultra", jwt.getClaim("plan"));
    }

    @Test
    void aMultipartUploadOfFiveMegabytesStreamsThroughUnchanged() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        String boundary = "----vtry" + System.nanoTime();
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nalice\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"front.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        multipart.writeBytes(randomBytes(5 * 1024 * 1024));
        multipart.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] body = multipart.toByteArray();

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/persons"))
                .header("Authorization", owner.bearer())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertEquals(200, response.statusCode());
        assertEquals("/person/api/v1/persons", header(response, "X-Echo-Path"));
        assertEquals("multipart/form-data; boundary=" + boundary, header(response, "X-Echo-Content-Type"));
        assertEquals(String.valueOf(body.length), header(response, "X-Echo-Content-Length"));
        assertEquals(String.valueOf(body.length), header(response, "Content-Length"));
        assertArrayEquals(sha256(body), sha256(response.body()));
    }

    @Test
    void aChunkedUploadLargerThanQuarkusOwnBodyLimitStreamsThrough() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        byte[] body = randomBytes(15 * 1024 * 1024);
        // No length known up front: the client sends it chunked, and so must the gateway.
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/edits/upload?chunked=true"))
                .header("Authorization", owner.bearer())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(200, response.statusCode());
        assertEquals("PUT", header(response, "X-Echo-Method"));
        assertEquals("/generation/api/v1/edits/upload", header(response, "X-Echo-Path"));
        assertEquals("null", header(response, "X-Echo-Content-Length"));
        assertTrue(response.headers().firstValue("Content-Length").isEmpty());
        assertArrayEquals(sha256(body), sha256(response.body()));
    }

    @Test
    void theUpstreamStatusHeadersAndBodyComeBack() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/jobs/req_1?status=201"))
                .header("Authorization", owner.bearer())
                .POST(HttpRequest.BodyPublishers.ofString("created")));

        assertEquals(201, response.statusCode());
        assertEquals("/job/api/v1/jobs/req_1", header(response, "X-Echo-Path"));
        assertEquals("echo", header(response, "X-Upstream"));
        assertEquals("application/octet-stream", header(response, "Content-Type"));
        assertEquals("created", new String(response.body(), StandardCharsets.UTF_8));

        response = send(HttpRequest.newBuilder(url("/api/v1/generations/gen_1?status=404"))
                .header("Authorization", owner.bearer()).GET());
        assertEquals(404, response.statusCode());
        assertEquals("/generation/api/v1/generations/gen_1", header(response, "X-Echo-Path"));
    }

    @Test
    void anUnknownApiPathIs404WithTheErrorBody() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/nope"))
                .header("Authorization", owner.bearer()).GET());
        assertError(response, 404, "notFound");

        // Authentication comes first.
        assertError(send(HttpRequest.newBuilder(url("/api/v1/nope")).GET()), 401, "missingApiKey");
        assertError(send(HttpRequest.newBuilder(url("/api/v1/persons")).GET()), 401, "missingApiKey");
    }

    @Test
    void anUnreachableUpstreamIs502() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/clothes"))
                .header("Authorization", owner.bearer()).GET());
        assertError(response, 502, "upstreamUnavailable");
    }

    @Test
    void aSilentUpstreamIs504AfterTheTimeout() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("/api/v1/persons/slow"))
                .header("Authorization", owner.bearer()).GET());
        assertError(response, 504, "upstreamTimeout");
    }

    @Test
    void aBodyOverFortyMegabytesIsRefusedBeforeForwarding() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        // A declared length is enough: the gateway answers without reading the body (raw HTTP, since
        // clients will not send a Content-Length they do not honour).
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/persons HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + owner.bearer()
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (40 * 1024 * 1024 + 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String raw = new String(readUntilClosed(socket.getInputStream()), StandardCharsets.UTF_8);
            assertTrue(raw.startsWith("HTTP/1.1 413"), raw);
            JsonNode error = JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4)).get("error");
            assertEquals("payloadTooLarge", error.get("code").asText());
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://" + gateway.getHost() + ":" + gateway.getPort() + pathAndQuery);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.at("/error/code").asText());
        assertTrue(body.at("/error/message").isTextual());
        assertTrue(body.at("/error/details").isObject() && body.at("/error/details").isEmpty());
    }

    /** Verifies the token as a service would: signature with the test public key, issuer, audience, expiry. */
    private static JsonWebToken verify(String token) throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KeyUtils.readPublicKey("testsupport/test-jwt-public.pem"),
                "vtry-gateway");
        context.setExpectedAudience(Set.of("vtry-services"));
        return new DefaultJWTParser(context).parse(token);
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
