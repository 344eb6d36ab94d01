package ai.vtry.gateway.limit;

import java.util.ArrayList;
import java.util.List;

/**
 * One decision: sliding windows checked together, all or nothing, and maybe a generation slot to
 * take with them. Nothing is counted unless everything admits the request.
 *
 * <p>A decision may have two stages ({@link #then}): the first {@code firstStage} checks are
 * decided on their own and, if they admit, stay counted whatever the rest decides; the rest (and
 * the slot) are decided only if the first stage admitted. That is the order of two separate
 * decisions, taken in one round trip: a known key's request is checked against its client
 * address's limits and then its account's.
 *
 * @param windowMillis the length of every window
 * @param slot the generation slot to take (in the last stage), or null
 * @param firstStage how many leading checks form the first stage; 0 for a one-stage decision
 */
public record Admission(List<Check> checks, long windowMillis, Slot slot, int firstStage) {

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
        if (firstStage < 0 || firstStage >= Math.max(1, checks.size())) {
            throw new IllegalArgumentException("A first stage of " + firstStage + " among " + checks.size() + " checks");
        }
    }

    /** A one-stage decision. */
    public Admission(List<Check> checks, long windowMillis, Slot slot) {
        this(checks, windowMillis, slot, 0);
    }

    /**
     * This one-stage decision, then {@code next} if this one admits: as two decisions in a row, but
     * one call to the store.
     */
    Admission then(Admission next) {
        if (firstStage != 0 || slot != null || next.firstStage != 0 || next.windowMillis != windowMillis) {
            throw new IllegalArgumentException("Only a one-stage decision without slot takes a next stage");
        }
        List<Check> both = new ArrayList<>(checks);
        both.addAll(next.checks);
        return new Admission(both, windowMillis, next.slot, checks.size());
    }

    /** Sliding-window log of {@code category} for {@code subject}: an account id, ip:ADDRESS or ip:NETWORK/64. */
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
     * The verdict from a store's raw tally. Its window is the one that refused the request, else the
     * first of the last stage (the account's category, in a two-stage decision).
     *
     * @param denied 0 if admitted, i (1-based) if window i is full, checks.size() + 1 if no slot is free
     * @param counts per window: requests in it, this one included if admitted (unused for a window of
     *        a stage that was not reached)
     * @param oldest per window: time of its earliest request, -1 if empty (only needed for the
     *        reported window)
     */
    Verdict verdict(long now, int denied, int activeSlots, long[] counts, long[] oldest) {
        int reported = denied >= 1 && denied <= checks.size() ? denied - 1 : firstStage;
        Check check = checks.get(reported);
        long reset = oldest[reported] < 0 ? 0 : Math.max(0, oldest[reported] + windowMillis - now);
        Verdict.Window window = new Verdict.Window(check.category(), check.limit(),
                (int) Math.max(0, check.limit() - counts[reported]), reset);
        Verdict.Outcome outcome = denied == 0 ? Verdict.Outcome.ADMITTED
                : denied <= checks.size() ? Verdict.Outcome.RATE_LIMITED : Verdict.Outcome.CONCURRENCY_LIMITED;
        return new Verdict(outcome, window, activeSlots, slot == null ? 0 : slot.max());
    }
}
