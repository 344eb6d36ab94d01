package ai.vtry.gateway.limit;

/**
 * What a decision found.
 *
 * @param window the window the response's RateLimit headers describe: the one that refused the
 *        request, else the decision's first
 * @param activeSlots generation slots in use after the decision (0 when none were asked for)
 */
public record Verdict(Outcome outcome, Window window, int activeSlots, int slotLimit) {

    public enum Outcome {
        ADMITTED, RATE_LIMITED, CONCURRENCY_LIMITED
    }

    /** @param resetMillis until the oldest request counted leaves the window (and Remaining grows) */
    public record Window(Category category, int limit, int remaining, long resetMillis) {
    }

    /** An account's generation slots: how many it may hold and how many it holds now. */
    public record Slots(int limit, int active) {
    }

    public boolean admitted() {
        return outcome == Outcome.ADMITTED;
    }
}
