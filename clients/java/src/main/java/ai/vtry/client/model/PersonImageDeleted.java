package ai.vtry.client.model;

/** A deleted reference image, named by its storage key. */
public record PersonImageDeleted(PersonRef person, String deletedKey) {
}
