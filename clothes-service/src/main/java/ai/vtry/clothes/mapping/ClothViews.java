package ai.vtry.clothes.mapping;

import ai.vtry.clothes.entity.Cloth;
import ai.vtry.common.link.SignedLinks;

/** Clothes as the public API shows them; stored keys become signed links. */
public final class ClothViews {

    /** An entry of GET /api/v1/clothes. */
    public record ClothItem(String id, String imageUrl, String sourceUrl) {
    }

    public static ClothItem item(Cloth cloth, SignedLinks links) {
        return new ClothItem(cloth.getId(), links.url(cloth.getImageKey()), cloth.getSourceUrl());
    }

    private ClothViews() {
    }
}
