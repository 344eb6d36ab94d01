package ai.vtry.client;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Downloads of the signed links in {@code url}, {@code coverUrl} and {@code imageUrl} fields: no API key
 * is needed or sent. A link is valid for 24 hours; read the resource again for a fresh one.
 */
public final class Downloads {

    private final Transport transport;

    Downloads(Transport transport) {
        this.transport = transport;
    }

    /**
     * Streams the image behind a signed link into {@code target} (created or replaced once complete;
     * its directory is created if needed).
     *
     * @return {@code target}
     * @throws PermissionException {@code invalidSignature}: the link was altered or has expired
     * @throws NotFoundException the image was deleted
     * @throws java.io.UncheckedIOException if the file cannot be written or the download broke off
     */
    public Path download(String url, Path target) {
        return transport.download(url, target);
    }

    /** {@link #download(String, Path)}, asynchronously. */
    public CompletableFuture<Path> downloadAsync(String url, Path target) {
        return transport.async(() -> download(url, target));
    }
}
