package ai.vtry.client.model;

/**
 * A garment or accessory of the clothes library.
 *
 * @param id for a generation's {@code clothesIds} or an edit's {@code clothId}
 * @param imageUrl signed link to its image
 * @param sourceUrl where it came from (its source page, else the image URL it was imported from), or null
 */
public record Cloth(String id, String imageUrl, String sourceUrl) {
}
