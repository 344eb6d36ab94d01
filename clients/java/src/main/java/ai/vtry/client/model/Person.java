package ai.vtry.client.model;

/**
 * A person of the workspace, as {@code GET /api/v1/persons} lists it.
 *
 * @param name the normalized name (a slug)
 * @param coverUrl signed link to the latest composite; null until the first compose job has completed
 */
public record Person(String id, String name, String coverUrl) {
}
