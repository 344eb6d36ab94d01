package ai.vtry.client.model;

/**
 * A renamed person.
 *
 * @param moved how many reference images moved under the new name (their keys and links changed)
 */
public record PersonRenamed(PersonRef person, int moved) {
}
