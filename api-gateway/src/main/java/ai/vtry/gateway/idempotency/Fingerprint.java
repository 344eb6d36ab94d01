package ai.vtry.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * What makes two requests "the same" for an Idempotency-Key: SHA-256 of the method, path and query,
 * media type and body, computed while the body streams by (never held whole). A multipart body's
 * boundary is left out: a client picks a new random one for each send, also when it retries the same
 * upload, so its occurrences count as one placeholder.
 */
final class Fingerprint {

    private static final byte[] BOUNDARY_PLACEHOLDER = "\0boundary\0".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha = sha256();
    private final byte[] boundary;
    /** The tail of the bytes seen so far that may be the start of a boundary split across chunks. */
    private byte[] carry = new byte[0];
    private String digest;

    Fingerprint(HttpServerRequest in) {
        String contentType = in.getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String target = in.path() + (in.query() == null ? "" : "?" + in.query());
        sha.update((in.method().name() + " " + target + "\n" + mediaType + "\n").getBytes(StandardCharsets.UTF_8));
        String boundaryParam = mediaType.startsWith("multipart/") ? parameter(contentType, "boundary") : null;
        this.boundary = boundaryParam == null || boundaryParam.isEmpty()
                ? null : boundaryParam.getBytes(StandardCharsets.ISO_8859_1);
    }

    void update(Buffer chunk) {
        if (boundary == null) {
            sha.update(chunk.getBytes());
            return;
        }
        byte[] data = concat(carry, chunk.getBytes());
        int from = 0;
        for (int at = indexOf(data, boundary, from); at >= 0; at = indexOf(data, boundary, from)) {
            sha.update(data, from, at - from);
            sha.update(BOUNDARY_PLACEHOLDER);
            from = at + boundary.length;
        }
        int keep = Math.min(boundary.length - 1, data.length - from);
        sha.update(data, from, data.length - from - keep);
        carry = Arrays.copyOfRange(data, data.length - keep, data.length);
    }

    /** The digest of everything seen; call once the body has ended. */
    String finish() {
        if (digest == null) {
            sha.update(carry);
            digest = HexFormat.of().formatHex(sha.digest());
        }
        return digest;
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String parameter(String contentType, String name) {
        for (String part : contentType.split(";")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
                String value = pair[1].trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
