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
 * upload, so each delimiter line's {@code --boundary} counts as one placeholder.
 */
final class Fingerprint {

    private static final byte[] BOUNDARY_PLACEHOLDER = "\0boundary\0".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha = sha256();
    /** {@code --} and the boundary: what starts a delimiter line of a multipart body. */
    private final byte[] delimiter;
    /** The tail of the bytes seen so far that may be the start of a delimiter split across chunks. */
    private byte[] carry = new byte[0];
    /** Whether the first byte not digested yet begins a line (the body's first does). */
    private boolean lineStart = true;
    private String digest;

    Fingerprint(HttpServerRequest in) {
        String contentType = in.getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String target = in.path() + (in.query() == null ? "" : "?" + in.query());
        sha.update((in.method().name() + " " + target + "\n" + mediaType + "\n").getBytes(StandardCharsets.UTF_8));
        String boundaryParam = mediaType.startsWith("multipart/") ? parameter(contentType, "boundary") : null;
        this.delimiter = boundaryParam == null || boundaryParam.isEmpty()
                ? null : ("--" + boundaryParam).getBytes(StandardCharsets.ISO_8859_1);
    }

    void update(Buffer chunk) {
        if (delimiter == null) {
            sha.update(chunk.getBytes());
            return;
        }
        byte[] data = concat(carry, chunk.getBytes());
        int from = 0; // data before it is digested
        int lastFull = data.length - delimiter.length; // the last position a whole delimiter fits at
        // Only a line start can begin a delimiter (RFC 2046): a position is tried only there, so the
        // scan stays linear whatever the client's boundary and body.
        for (int i = 0; i <= lastFull; i++) {
            if (beginsLine(data, i) && startsWith(data, i, delimiter)) {
                sha.update(data, from, i - from);
                sha.update(BOUNDARY_PLACEHOLDER);
                from = i + delimiter.length;
                i = from - 1;
            }
        }
        int keep = data.length; // the first line start a delimiter split across chunks may begin at
        for (int i = Math.max(from, lastFull + 1); i < data.length; i++) {
            if (beginsLine(data, i)) {
                keep = i;
                break;
            }
        }
        sha.update(data, from, keep - from);
        carry = Arrays.copyOfRange(data, keep, data.length);
        lineStart = carry.length > 0 || (data.length == 0 ? lineStart : data[data.length - 1] == '\n');
    }

    private boolean beginsLine(byte[] data, int i) {
        return i == 0 ? lineStart : data[i - 1] == '\n';
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

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        for (int j = 0; j < prefix.length; j++) {
            if (data[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
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
