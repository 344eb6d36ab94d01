package ai.vtry.client.model;

import java.util.List;

/**
 * The answer of creating a person or adding reference images to one.
 *
 * @param files the images stored by this request
 * @param remaining how many more reference images the person can take (3 minus its count)
 */
public record PersonUpload(PersonRef person, List<StoredFile> files, int remaining) {

    /**
     * A stored reference image.
     *
     * @param key storage key, to delete the image
     * @param url signed link
     * @param fileName as uploaded; for a URL, the last segment of its path
     * @param contentType from the content: {@code image/jpeg}, {@code image/png} or {@code image/webp}
     * @param size bytes
     */
    public record StoredFile(String key, String url, String fileName, String contentType, long size) {
    }
}
