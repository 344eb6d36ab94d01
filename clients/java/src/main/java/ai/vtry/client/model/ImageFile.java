package ai.vtry.client.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An image to upload, from a file, bytes or a stream. Uploads are streamed: a file is read while it is
 * sent, never held whole in memory. The API checks the content (JPEG, PNG or WebP, at most 10 MB);
 * the name is only recorded.
 */
public final class ImageFile {

    private final String fileName;
    private final long length;
    private final boolean repeatable;
    private final Opener opener;

    private ImageFile(String fileName, long length, boolean repeatable, Opener opener) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.length = length;
        this.repeatable = repeatable;
        this.opener = opener;
    }

    /**
     * A file on disk, read each time it is sent (so a retried upload sends it again).
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ImageFile of(Path path) {
        try {
            long size = Files.size(path);
            return new ImageFile(path.getFileName().toString(), size, true, () -> Files.newInputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /** An image in memory. */
    public static ImageFile of(String fileName, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new ImageFile(fileName, copy.length, true, () -> new ByteArrayInputStream(copy));
    }

    /**
     * An image read from a stream, which can be sent only once: an upload of it is never retried. The
     * stream is closed once sent.
     */
    public static ImageFile of(String fileName, InputStream stream) {
        Objects.requireNonNull(stream, "stream");
        AtomicBoolean sent = new AtomicBoolean();
        return new ImageFile(fileName, -1, false, () -> {
            if (sent.getAndSet(true)) {
                throw new IOException(fileName + " is a stream and was sent already");
            }
            return stream;
        });
    }

    /** The name recorded with the upload. */
    public String fileName() {
        return fileName;
    }

    /** The declared type, from the name's extension (the API decides by the content). */
    public String contentType() {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".webp")) {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    /** Its size in bytes, or -1 for a stream. */
    public long length() {
        return length;
    }

    /** Whether it can be sent more than once (a file or bytes; not a stream). */
    public boolean repeatable() {
        return repeatable;
    }

    /** Opens its content; the caller closes it. */
    public InputStream open() throws IOException {
        return opener.open();
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }
}
