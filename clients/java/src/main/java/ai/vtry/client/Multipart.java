package ai.vtry.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import ai.vtry.client.model.ImageFile;

/**
 * A {@code multipart/form-data} body (RFC 7578) that is streamed: each file is opened only when the
 * body reaches it and read as it is sent, so a large upload never sits whole in memory. The length is
 * known (and sent as {@code Content-Length}) unless a file is a stream of unknown length.
 */
final class Multipart {

    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String boundary;
    private final List<Piece> pieces = new ArrayList<>();
    private boolean repeatable = true;

    Multipart() {
        this("vtry-" + UUID.randomUUID().toString().replace("-", ""));
    }

    Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** Adds a text field; a null value adds nothing. */
    Multipart field(String name, Object value) {
        if (value != null) {
            bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escape(name) + "\"\r\n\r\n"
                    + value + "\r\n");
        }
        return this;
    }

    /** Adds a file part; a null file adds nothing. */
    Multipart file(String name, ImageFile file) {
        if (file != null) {
            bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escape(name) + "\"; filename=\""
                    + escape(file.fileName()) + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
            pieces.add(new Piece(file.length(), file::open));
            pieces.add(new Piece(CRLF.length, () -> new ByteArrayInputStream(CRLF)));
            repeatable &= file.repeatable();
        }
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Whether the body can be sent again (no part is a one-time stream). */
    boolean repeatable() {
        return repeatable;
    }

    /** The body's length in bytes, or -1 when a part's length is unknown. */
    long length() {
        long total = closing().length;
        for (Piece piece : pieces) {
            if (piece.length() < 0) {
                return -1;
            }
            total += piece.length();
        }
        return total;
    }

    /** The whole body as one stream; parts are opened as the stream reaches them. */
    InputStream open() {
        List<Piece> all = new ArrayList<>(pieces);
        byte[] closing = closing();
        all.add(new Piece(closing.length, () -> new ByteArrayInputStream(closing)));
        Iterator<Piece> next = all.iterator();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return new LazyStream(next.next().opener());
            }
        });
    }

    /** A publisher that streams {@link #open()} for each send. */
    HttpRequest.BodyPublisher publisher() {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(this::open);
        long length = length();
        return length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length);
    }

    private void bytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pieces.add(new Piece(bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    private byte[] closing() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Quotes, CR and LF in a name or file name, percent-encoded as browsers do (HTML's form encoding). */
    private static String escape(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private record Piece(long length, Opener opener) {
    }

    /** Opens its source at the first read, so a file is not opened before the body reaches it. */
    private static final class LazyStream extends InputStream {

        private final Opener opener;
        private InputStream source;

        LazyStream(Opener opener) {
            this.opener = opener;
        }

        @Override
        public int read() throws IOException {
            return source().read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return source().read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (source != null) {
                source.close();
            }
        }

        private InputStream source() throws IOException {
            if (source == null) {
                source = opener.open();
            }
            return source;
        }
    }
}
