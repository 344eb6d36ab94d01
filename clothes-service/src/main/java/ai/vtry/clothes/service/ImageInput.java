package ai.vtry.clothes.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.vtry.common.image.ImageFormat;
import io.quarkus.logging.Log;

/**
 * An image checked by its content and ready to store. A {@code temporary} file (a URL import) is
 * ours to delete; an upload belongs to the multipart decoder, which deletes it after the request.
 */
public record ImageInput(Path file, long size, ImageFormat format, boolean temporary) {

    public String contentType() {
        return format.contentType();
    }

    public void discard() {
        if (temporary) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                Log.warnf("Could not delete a temporary image file: %s", e.getMessage());
            }
        }
    }
}
