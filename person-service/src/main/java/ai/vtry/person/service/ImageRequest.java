package ai.vtry.person.service;

import java.nio.file.Path;
import java.util.List;

import ai.vtry.common.error.FieldErrors;
import ai.vtry.person.entity.Person;

/**
 * The image part of an upload request: files already on disk, or one URL to import (with the page
 * it came from, sent as Referer). Exactly one of the two.
 */
public record ImageRequest(List<Part> files, String imageUrl, String sourcePageUrl) {

    /** One uploaded file as the multipart decoder stored it. */
    public record Part(Path file, String fileName, long size) {
    }

    public ImageRequest {
        files = files == null ? List.of() : List.copyOf(files);
        imageUrl = blankToNull(imageUrl);
        sourcePageUrl = blankToNull(sourcePageUrl);
    }

    public boolean fromUrl() {
        return imageUrl != null;
    }

    /** How many images the request brings (before any is checked). */
    public int count() {
        return fromUrl() ? 1 : files.size();
    }

    /** The request field problems with these images are reported on. */
    public String field() {
        return fromUrl() ? "imageUrl" : "files";
    }

    /** Records what is wrong with the request's shape: which input, how many files, how large. */
    public void validate(FieldErrors errors, long maxBytes) {
        if (files.isEmpty() && imageUrl == null) {
            errors.add("files", "Send one to " + Person.MAX_IMAGES + " files or an imageUrl");
            return;
        }
        if (!files.isEmpty() && imageUrl != null) {
            errors.add("imageUrl", "Send either files or imageUrl, not both");
            return;
        }
        if (files.size() > Person.MAX_IMAGES) {
            errors.add("files", "At most " + Person.MAX_IMAGES + " files can be uploaded, got " + files.size());
        }
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).size() > maxBytes) {
                errors.add("files", label(i) + " is larger than " + megabytes(maxBytes) + " MB");
            }
        }
    }

    /** How a file is named in messages: its position and the name the client gave it. */
    public String label(int index) {
        String name = files.get(index).fileName();
        return "files[" + index + "]" + (name == null || name.isBlank() ? "" : " (" + name + ")");
    }

    /** The first of a field and its alias that has a value ({@code imageUrl} or {@code image_url}). */
    public static String either(String value, String alias) {
        return blankToNull(value) != null ? value : alias;
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? String.valueOf(bytes / (1024 * 1024)) : String.format("%.1f", bytes / 1048576.0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
