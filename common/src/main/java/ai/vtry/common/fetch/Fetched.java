package ai.vtry.common.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fetched body, spooled to a temporary file (never held whole in memory). Close it to delete
 * the file.
 *
 * @param contentType the type the server declared (may lie: sniff the file before trusting it)
 * @param finalUrl    where the last redirect led
 */
public record Fetched(Path file, long size, String contentType, URI finalUrl) implements AutoCloseable {

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
