package ai.vtry.gateway.limit;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import io.vertx.core.Future;

/**
 * The same limits in this instance's memory, for while Redis is unreachable: the algorithm of
 * {@link RedisLimitStore}'s scripts, under one lock. Each instance then counts alone, so N
 * instances admit up to N times a limit between them; better than refusing everyone, and over as
 * soon as Redis answers again.
 */
final class LocalLimitStore implements LimitStore {

    /** Every this many decisions, windows and slot sets with nothing left in them are dropped. */
    private static final int SWEEP_EVERY = 10_000;

    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();
    private final Map<String, Map<String, Long>> activeSlots = new HashMap<>();
    private final Map<String, Map<String, Long>> finishedJobs = new HashMap<>();
    private long decisions;

    @Override
    public synchronized Future<Verdict> admit(Admission admission, long now, String member) {
        if (++decisions % SWEEP_EVERY == 0) {
            sweep(now, admission.windowMillis());
        }
        int n = admission.checks().size();
        long[] counts = new long[n];
        int[] active = new int[1];
        int first = admission.firstStage();
        int denied = first > 0 ? decide(admission, 0, first, false, now, member, counts, active) : 0;
        if (denied == 0) {
            denied = decide(admission, first, n, admission.slot() != null, now, member, counts, active);
        }
        long[] oldest = new long[n];
        for (int i = 0; i < n; i++) {
            ArrayDeque<Long> log = windows.get(admission.checks().get(i).key());
            Long earliest = log == null ? null : log.peekFirst();
            oldest[i] = earliest == null ? -1 : earliest;
        }
        return Future.succeededFuture(admission.verdict(now, denied, active[0], counts, oldest));
    }

    /**
     * Checks {@code [from, to)} (and the slot if asked), all or nothing, counting them if admitted:
     * one stage of admit.lua. Returns 0, or the 1-based index that refused (n + 1: the slot).
     */
    private int decide(Admission admission, int from, int to, boolean withSlot, long now, String member,
            long[] counts, int[] active) {
        int denied = 0;
        for (int i = from; i < to; i++) {
            Admission.Check check = admission.checks().get(i);
            ArrayDeque<Long> log = windows.computeIfAbsent(check.key(), k -> new ArrayDeque<>());
            while (!log.isEmpty() && log.peekFirst() <= now - admission.windowMillis()) {
                log.pollFirst();
            }
            counts[i] = log.size();
            if (denied == 0 && counts[i] >= check.limit()) {
                denied = i + 1;
            }
        }
        Admission.Slot slot = admission.slot();
        Map<String, Long> slots = null;
        if (withSlot) {
            slots = activeSlots.computeIfAbsent(slot.account(), k -> new HashMap<>());
            slots.values().removeIf(expiry -> expiry <= now);
            active[0] = slots.size();
            if (denied == 0 && slots.size() >= slot.max()) {
                denied = admission.checks().size() + 1;
            }
        }
        if (denied == 0) {
            for (int i = from; i < to; i++) {
                if (admission.checks().get(i).counts()) {
                    // Times only grow within an instance, so the deque stays sorted.
                    windows.get(admission.checks().get(i).key()).addLast(now);
                    counts[i]++;
                }
            }
            if (slots != null) {
                slots.put(member, now + slot.ttlMillis());
                active[0]++;
            }
        }
        return denied;
    }

    @Override
    public synchronized Future<Boolean> bind(String account, String member, String jobId, long now) {
        Map<String, Long> slots = activeSlots.get(account);
        Long expiry = slots == null ? null : slots.remove(member);
        if (expiry == null || expiry <= now) {
            return Future.succeededFuture(false);
        }
        Map<String, Long> finished = finishedJobs.get(account);
        if (finished != null) {
            finished.values().removeIf(until -> until <= now);
            if (finished.remove(jobId) != null) {
                return Future.succeededFuture(false);
            }
        }
        slots.put(jobId, expiry);
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<Boolean> release(String account, String member, long now, long rememberUntil) {
        Map<String, Long> slots = activeSlots.get(account);
        if (slots != null && slots.remove(member) != null) {
            return Future.succeededFuture(true);
        }
        if (rememberUntil > 0) {
            Map<String, Long> finished = finishedJobs.computeIfAbsent(account, k -> new HashMap<>());
            finished.values().removeIf(until -> until <= now);
            finished.put(member, rememberUntil);
        }
        return Future.succeededFuture(false);
    }

    @Override
    public synchronized Future<Integer> activeSlots(String account, long now) {
        Map<String, Long> slots = activeSlots.get(account);
        return Future.succeededFuture(slots == null ? 0 : (int) slots.values().stream().filter(expiry -> expiry > now).count());
    }

    private void sweep(long now, long windowMillis) {
        windows.values().removeIf(log -> log.isEmpty() || log.peekLast() <= now - windowMillis);
        activeSlots.values().removeIf(slots -> {
            slots.values().removeIf(expiry -> expiry <= now);
            return slots.isEmpty();
        });
        finishedJobs.values().removeIf(finished -> {
            finished.values().removeIf(until -> until <= now);
            return finished.isEmpty();
        });
    }
}
