package ai.vtry.client.model;

import java.util.List;

/**
 * The pictures a product, outfit or landing page offers, best candidates first.
 *
 * @param inputUrl the URL as sent
 * @param sourceType {@code page} or {@code directImage} (the URL is an image)
 * @param pageTitle the page's title; null for an image
 */
public record SourceImages(String inputUrl, String sourceType, String pageTitle, List<SourceImage> images) {

    /**
     * A picture found on the page.
     *
     * @param imageUrl absolute URL, ready for {@link AddClothRequest.Builder#imageUrl(String)}
     * @param sourcePageUrl the page it was found on, for {@link AddClothRequest.Builder#sourcePageUrl(String)}
     * @param title what the page calls it, or null
     * @param width pixels, or null when unknown
     * @param height pixels, or null when unknown
     * @param position its rank, from 1
     */
    public record SourceImage(String imageUrl, String sourcePageUrl, String title, Integer width, Integer height,
            int position) {
    }
}
