package ai.vtry.gateway.limit;

import java.util.List;

/**
 * One decision: sliding windows checked together, all or nothing, and maybe a generation slot to
 * take with them. Nothing is counted unless everything admits the request.
 *
 * @param windowMillis the length of every window
 * @param slot the generation slot to take, or null
 */
public record Admission(List<Check> checks, long windowMillis, Slot slot) {

    /**
     * One window: its key, its limit, and whether this request counts in it ({@code counts}) or only
     * has to find it below its limit (failed authentications are checked on every request but counted
     * only on a failure).
     */
    public record Check(Category category, String key, int limit, boolean counts) {
    }

    /** The account's generation slots: at most {@code max} at once, each expiring after {@code ttlMillis}. */
    public record Slot(String account, int max, long ttlMillis) {
    }

    public Admission {
        checks = List.copyOf(checks);
    }

    /** Sliding-window log of {@code category} for {@code subject} (an account id, or ip:ADDRESS). */
    static String windowKey(Category category, String subject) {
        // The braces are a Redis Cluster hash tag: all keys of one decision live on one node.
        return "vtry:rl:{" + subject + "}:" + category.wireName();
    }

    static String activeSlotsKey(String account) {
        return "vtry:gen:{" + account + "}:active";
    }

    static String finishedJobsKey(String account) {
        return "vtry:gen:{" + account + "}:finished";
    }

    /**
     * The verdict from a store's raw tally.
     *
     * @param denied 0 if admitted, i (1-based) if window i is full, checks.size() + 1 if no slot is free
     * @param counts per window: requests in it, this one included if admitted
     * @param oldest per window: time of its earliest request, -1 if empty
     */
    Verdict verdict(long now, int denied, int activeSlots, long[] counts, long[] oldest) {
        int reported = denied >= 1 && denied <= checks.size() ? denied - 1 : 0;
        Check check = checks.get(reported);
        long reset = oldest[reported] < 0 ? 0 : Math.max(0, oldest[reported] + windowMillis - now);
        Verdict.Window window = new Verdict.Window(check.category(), check.limit(),
                (int) Math.max(0, check.limit() - counts[reported]), reset);
        Verdict.Outcome outcome = denied == 0 ? Verdict.Outcome.ADMITTED
                : denied <= checks.size() ? Verdict.Outcome.RATE_LIMITED : Verdict.Outcome.CONCURRENCY_LIMITED;
        return new Verdict(outcome, window, activeSlots, slot == null ? 0 : slot.max());
    }
}
