package ai.vtry.client.model;

import java.util.List;

/**
 * A page of the clothes library, newest first.
 *
 * @param total clothes in the workspace
 * @param totalPages pages of the requested page size
 */
public record ClothesPage(List<Cloth> clothes, int page, int total, int totalPages) {
}
