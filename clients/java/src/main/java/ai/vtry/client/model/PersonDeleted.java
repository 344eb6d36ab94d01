package ai.vtry.client.model;

/**
 * A deleted person.
 *
 * @param deleted how many reference images were deleted with it
 */
public record PersonDeleted(PersonRef person, int deleted) {
}
