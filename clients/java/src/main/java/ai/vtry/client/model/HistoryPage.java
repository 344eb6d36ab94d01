package ai.vtry.client.model;

import java.util.List;

/**
 * A page of the workspace's jobs, newest first.
 *
 * @param total jobs of the chosen kind
 * @param totalPages pages of this page size
 */
public record HistoryPage(List<Job> jobs, int page, int pageSize, int total, int totalPages) {
}
