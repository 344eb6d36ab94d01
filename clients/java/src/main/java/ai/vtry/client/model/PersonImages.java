package ai.vtry.client.model;

import java.util.List;

/** A person's reference images in upload order. */
public record PersonImages(PersonRef person, List<ReferenceImage> images) {

    /**
     * One reference image.
     *
     * @param key storage key, to delete it
     * @param url signed link
     */
    public record ReferenceImage(String key, String url) {
    }
}
