package ai.vtry.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** The fingerprint of a body, whatever its chunks and its multipart boundary. */
class FingerprintTest {

    private static String body(String boundary, String content) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda " + content + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n\r\n"
                + content + "\r\n--" + boundary + "--\r\n";
    }

    private static String digest(String boundary, String body, int chunk) {
        Fingerprint fingerprint = new Fingerprint(request("multipart/form-data; boundary=" + boundary));
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at < bytes.length; at += chunk) {
            fingerprint.update(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk))));
        }
        return fingerprint.finish();
    }

    @Test
    void theSameUploadWithAnotherBoundaryInAnyChunksIsTheSame() {
        String expected = digest("AAAA", body("AAAA", "bytes"), 1 << 20);
        for (int chunk = 1; chunk <= 40; chunk++) {
            assertEquals(expected, digest("AAAA", body("AAAA", "bytes"), chunk), "chunks of " + chunk);
            assertEquals(expected, digest("zz-other-boundary-42", body("zz-other-boundary-42", "bytes"), chunk),
                    "another boundary, chunks of " + chunk);
        }
    }

    @Test
    void otherContentOrTheBoundaryTextInsideALineIsNotTheSame() {
        assertNotEquals(digest("AAAA", body("AAAA", "bytes"), 7), digest("AAAA", body("AAAA", "other"), 7));
        // "--AAAA" in the middle of a line is content, not a delimiter.
        assertNotEquals(digest("AAAA", body("AAAA", "x--AAAA"), 5), digest("BBBB", body("BBBB", "x--BBBB"), 5));
    }

    private static HttpServerRequest request(String contentType) {
        return (HttpServerRequest) java.lang.reflect.Proxy.newProxyInstance(FingerprintTest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Content-Type".equals(args[0]) ? contentType : null;
                    case "path" -> "/api/v1/persons";
                    case "query" -> null;
                    case "method" -> HttpMethod.POST;
                    case "headers" -> MultiMap.caseInsensitiveMultiMap();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
