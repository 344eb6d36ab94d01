package ai.vtry.gateway.limit;

import io.vertx.core.Future;

/**
 * Where limits are counted: Redis, shared by every gateway instance, or this instance's memory
 * while Redis is unreachable. Both implement the same algorithm; times are passed in (epoch ms).
 */
interface LimitStore {

    /** Decides {@code admission} at {@code now}; {@code member} names this request (and its slot). */
    Future<Verdict> admit(Admission admission, long now, String member);

    /** The slot taken as {@code member} now belongs to {@code jobId}; false if that slot is gone. */
    Future<Boolean> bind(String account, String member, String jobId, long now);

    /**
     * Frees the slot of {@code member} (a job id or a provisional member); true if there was one.
     * With {@code rememberUntil > 0} an unknown job id is remembered as finished until then, so
     * that a {@link #bind} arriving late frees the slot at once.
     */
    Future<Boolean> release(String account, String member, long now, long rememberUntil);

    /** How many generation slots of the account are taken at {@code now}, counting nothing. */
    Future<Integer> activeSlots(String account, long now);
}
