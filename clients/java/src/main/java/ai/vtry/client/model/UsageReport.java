package ai.vtry.client.model;

import java.util.List;

/**
 * What the workspace used over a period ({@code GET /api/v1/usage}).
 *
 * @param from start of the period as counted (ISO-8601 UTC)
 * @param to end of the period, excluded
 * @param groups one per day, kind or model that has jobs, in order
 * @param total the same for the whole period
 */
public record UsageReport(String from, String to, UsageGroupBy groupBy, List<Group> groups, Totals total) {

    /**
     * The usage of one day, kind or model.
     *
     * @param key the day ({@code YYYY-MM-DD}), kind or model; {@code ""} for jobs without one
     * @param images images of completed jobs
     * @param providerSeconds the image provider's time, summed
     */
    public record Group(String key, JobCounts jobs, long images, double providerSeconds) {
    }

    /** The whole period's usage. */
    public record Totals(JobCounts jobs, long images, double providerSeconds) {
    }

    /** Jobs created in the period, by their status now. */
    public record JobCounts(long queued, long processing, long completed, long failed, long cancelled, long total) {
    }
}
