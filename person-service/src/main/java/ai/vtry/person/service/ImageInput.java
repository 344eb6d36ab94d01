package ai.vtry.person.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.vtry.common.image.ImageFormat;
import io.quarkus.logging.Log;

/**
 * An image checked by its content and ready to store. {@code temporary} files (URL imports) are
 * ours to delete; uploads belong to the multipart decoder, which deletes them after the request.
 */
public record ImageInput(Path file, String fileName, long size, ImageFormat format, boolean temporary) {

    private static final int MAX_FILE_NAME = 255;

    public String contentType() {
        return format.contentType();
    }

    /** A file name fit to show: no directories, not empty, not endless. */
    public static String fileName(String given, ImageFormat format) {
        String name = given == null ? "" : given.replaceAll("\\p{Cntrl}", "").trim();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim();
        if (name.isEmpty()) {
            return "image." + format.extension();
        }
        return name.length() <= MAX_FILE_NAME ? name : name.substring(0, MAX_FILE_NAME);
    }

    /** Deletes the temporary files among {@code inputs}. */
    public static void discard(List<ImageInput> inputs) {
        for (ImageInput input : inputs) {
            if (input.temporary()) {
                try {
                    Files.deleteIfExists(input.file());
                } catch (IOException e) {
                    Log.warnf("Could not delete a temporary image file: %s", e.getMessage());
                }
            }
        }
    }
}
