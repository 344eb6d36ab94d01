package ai.vtry.client.model;

import java.util.Map;

/**
 * Who the API key belongs to ({@code GET /api/v1/me}): the user, the workspace's plan, whether the user
 * owns the workspace, and where the account stands in each rate-limit category.
 *
 * @param limits per category ({@code read}, {@code write}, {@code generate}, {@code source-images})
 * @param concurrency the account's generations running at once
 */
public record Me(User user, Subscription subscription, Workspace workspace, Map<String, Limit> limits,
        Concurrency concurrency) {

    /** The key's user. */
    public record User(String id, String email) {
    }

    /**
     * The workspace's plan.
     *
     * @param planId {@code free}, {@code pro} or {@code ultra}
     * @param renewsAt ISO-8601 UTC, or null when the plan does not renew
     */
    public record Subscription(String planId, String planLabel, String status, boolean cancelAtPeriodEnd,
            String renewsAt) {
    }

    /** The workspace the key acts in, and whether the key's user owns it. */
    public record Workspace(String ownerId, boolean isWorkspaceOwner) {
    }

    /**
     * One rate-limit category now.
     *
     * @param limit requests a minute
     * @param remaining requests left in the window
     * @param resetSeconds until the oldest counted request leaves the window (0 when none is counted)
     */
    public record Limit(int limit, int remaining, int resetSeconds) {
    }

    /**
     * Generations that may run at once.
     *
     * @param active the account's generations whose jobs have not ended
     * @param remaining how many more may start now
     */
    public record Concurrency(int limit, int active, int remaining) {
    }
}
