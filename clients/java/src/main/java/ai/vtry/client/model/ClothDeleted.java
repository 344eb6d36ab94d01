package ai.vtry.client.model;

/** A deleted cloth and the storage key of its image. */
public record ClothDeleted(String clothId, String deletedKey) {
}
