package ai.vtry.gateway.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;

/**
 * The limiter's algorithm at its boundaries, time passed in (no sleeps). Run against both stores:
 * the in-memory fallback must decide exactly as the Redis scripts do.
 */
abstract class LimitStoreContract {

    static final long WINDOW = 60_000;
    static final long SLOT_TTL = 15 * 60_000;
    static final long T0 = 1_800_000_000_000L;

    abstract LimitStore store();

    private final String subject = "test-" + UUID.randomUUID();
    private int members;

    @Test
    void admitsUpToTheLimitThenRefusesUntilTheOldestLeaves() {
        String key = key(Category.READ);
        for (int i = 1; i <= 3; i++) {
            Verdict verdict = hit(key, 3, T0 + i);
            assertEquals(Verdict.Outcome.ADMITTED, verdict.outcome());
            assertEquals(new Verdict.Window(Category.READ, 3, 3 - i, WINDOW - i + 1), verdict.window());
        }
        Verdict refused = hit(key, 3, T0 + 10);
        assertEquals(Verdict.Outcome.RATE_LIMITED, refused.outcome());
        // The oldest (T0 + 1) leaves at T0 + 1 + WINDOW.
        assertEquals(new Verdict.Window(Category.READ, 3, 0, WINDOW - 9), refused.window());
    }

    @Test
    void theWindowSlidesRequestByRequest() {
        String key = key(Category.WRITE);
        hit(key, 3, T0);
        hit(key, 3, T0 + 10_000);
        hit(key, 3, T0 + 20_000);

        Verdict justBefore = hit(key, 3, T0 + WINDOW - 1);
        assertEquals(Verdict.Outcome.RATE_LIMITED, justBefore.outcome());
        assertEquals(1, justBefore.window().resetMillis());

        // Exactly one window after the first request, that request no longer counts.
        Verdict rolled = hit(key, 3, T0 + WINDOW);
        assertEquals(Verdict.Outcome.ADMITTED, rolled.outcome());
        assertEquals(0, rolled.window().remaining());
        assertEquals(10_000, rolled.window().resetMillis());

        Verdict again = hit(key, 3, T0 + WINDOW + 1);
        assertEquals(Verdict.Outcome.RATE_LIMITED, again.outcome());
        assertEquals(9_999, again.window().resetMillis());
    }

    @Test
    void refusedRequestsAreNotCounted() {
        String key = key(Category.GENERATE);
        assertTrue(hit(key, 1, T0).admitted());
        for (int i = 1; i <= 50; i++) {
            assertFalse(hit(key, 1, T0 + i * 1_000).admitted());
        }
        Verdict later = hit(key, 1, T0 + WINDOW);
        assertTrue(later.admitted(), "refusals must not push the window on");
        assertEquals(0, later.window().remaining());
    }

    @Test
    void aCheckThatDoesNotCountRefusesAtItsLimitAndNothingIsCountedThen() {
        String preauth = key(Category.PREAUTH);
        String failed = key(Category.FAILED_AUTH);
        Admission client = new Admission(List.of(new Admission.Check(Category.PREAUTH, preauth, 5, true),
                new Admission.Check(Category.FAILED_AUTH, failed, 2, false)), WINDOW, null);

        Verdict first = admit(client, T0);
        assertTrue(first.admitted());
        assertEquals(new Verdict.Window(Category.PREAUTH, 5, 4, WINDOW), first.window());
        assertEquals(1, hit(failed, 2, T0 + 1).window().remaining(), "looking did not count");
        assertTrue(hit(failed, 2, T0 + 2).admitted());

        Verdict blocked = admit(client, T0 + 3);
        assertEquals(Verdict.Outcome.RATE_LIMITED, blocked.outcome());
        assertEquals(new Verdict.Window(Category.FAILED_AUTH, 2, 0, WINDOW - 2), blocked.window());
        // All or nothing: the refused request did not count against preauth either.
        assertEquals(3, hit(preauth, 5, T0 + 4).window().remaining());
    }

    @Test
    void aLogThatIsOnlyLookedAtCountsOnlyItsWindow() {
        String preauth = key(Category.PREAUTH);
        String failed = key(Category.FAILED_AUTH);
        Admission client = client(preauth, 100, failed, 2);
        hit(failed, 2, T0);
        hit(failed, 2, T0 + 10_000);
        hit(failed, 3, T0 + 20_000);
        // T0 has left the window, the other two have not: still full, until T0 + 10_000 leaves.
        Verdict refused = admit(client, T0 + WINDOW + 5);
        assertEquals(Verdict.Outcome.RATE_LIMITED, refused.outcome());
        assertEquals(new Verdict.Window(Category.FAILED_AUTH, 2, 0, 9_995), refused.window());
        assertTrue(admit(client, T0 + WINDOW + 10_000).admitted());
    }

    @Test
    void aTwoStageDecisionKeepsTheFirstStageCountedWhenTheSecondRefuses() {
        String preauth = key(Category.PREAUTH);
        String read = key(Category.READ);
        Admission both = client(preauth, 5, key(Category.FAILED_AUTH), 2).then(account(read, 2, null));

        Verdict first = admit(both, T0);
        assertTrue(first.admitted());
        // The headers describe the account's window, the last one the request was counted in.
        assertEquals(new Verdict.Window(Category.READ, 2, 1, WINDOW), first.window());
        assertEquals(new Verdict.Window(Category.READ, 2, 0, WINDOW - 1), admit(both, T0 + 1).window());

        Verdict refused = admit(both, T0 + 2);
        assertEquals(Verdict.Outcome.RATE_LIMITED, refused.outcome());
        assertEquals(new Verdict.Window(Category.READ, 2, 0, WINDOW - 2), refused.window());
        // As two decisions in a row: preauth counted the refused request too, the account did not.
        assertEquals(3, counted(preauth, T0 + 3));
        assertEquals(2, counted(read, T0 + 3));
    }

    @Test
    void aTwoStageDecisionRefusedByItsFirstStageCountsNothing() {
        String preauth = key(Category.PREAUTH);
        String failed = key(Category.FAILED_AUTH);
        String read = key(Category.READ);
        Admission both = client(preauth, 5, failed, 2).then(account(read, 10, null));
        hit(failed, 2, T0);
        hit(failed, 2, T0 + 1);

        Verdict refused = admit(both, T0 + 2);
        assertEquals(Verdict.Outcome.RATE_LIMITED, refused.outcome());
        assertEquals(new Verdict.Window(Category.FAILED_AUTH, 2, 0, WINDOW - 2), refused.window());
        assertEquals(0, counted(preauth, T0 + 3));
        assertEquals(0, counted(read, T0 + 3));
    }

    @Test
    void aTwoStageDecisionAtTheFirstStagesLimit() {
        String preauth = key(Category.PREAUTH);
        String read = key(Category.READ);
        Admission both = client(preauth, 2, key(Category.FAILED_AUTH), 30).then(account(read, 10, null));
        assertTrue(admit(both, T0).admitted());
        assertTrue(admit(both, T0 + 1).admitted(), "the limit-th request is admitted");

        Verdict refused = admit(both, T0 + 2);
        assertEquals(Verdict.Outcome.RATE_LIMITED, refused.outcome());
        assertEquals(new Verdict.Window(Category.PREAUTH, 2, 0, WINDOW - 2), refused.window());
        assertEquals(2, counted(read, T0 + 3));

        // Once the first request leaves the address's window, the next one gets through both stages.
        Verdict later = admit(both, T0 + WINDOW);
        assertTrue(later.admitted());
        assertEquals(new Verdict.Window(Category.READ, 10, 8, 1), later.window());
    }

    @Test
    void aTwoStageDecisionTakesItsSlotInTheSecondStage() {
        String preauth = key(Category.PREAUTH);
        String generate = key(Category.GENERATE);
        Admission both = client(preauth, 5, key(Category.FAILED_AUTH), 2)
                .then(account(generate, 10, new Admission.Slot(subject, 1, SLOT_TTL)));
        Verdict first = admit(both, T0);
        assertTrue(first.admitted());
        assertEquals(1, first.activeSlots());

        Verdict second = admit(both, T0 + 1);
        assertEquals(Verdict.Outcome.CONCURRENCY_LIMITED, second.outcome());
        assertEquals(new Verdict.Window(Category.GENERATE, 10, 9, WINDOW - 1), second.window());
        assertEquals(1, second.slotLimit());
        assertEquals(2, counted(preauth, T0 + 2));
        assertEquals(1, counted(generate, T0 + 2));
    }

    @Test
    void aSlotIsTakenOnlyWithTheRateAdmissionAndAtMostMaxAtOnce() {
        String key = key(Category.GENERATE);
        for (int i = 1; i <= 3; i++) {
            Verdict verdict = generate(key, 10, 3, T0 + i);
            assertTrue(verdict.admitted());
            assertEquals(i, verdict.activeSlots());
        }
        Verdict fourth = generate(key, 10, 3, T0 + 4);
        assertEquals(Verdict.Outcome.CONCURRENCY_LIMITED, fourth.outcome());
        assertEquals(3, fourth.activeSlots());
        assertEquals(3, fourth.slotLimit());
        assertEquals(7, fourth.window().remaining(), "a request refused for concurrency costs no rate");
    }

    @Test
    void aRequestRefusedByTheRateTakesNoSlot() {
        String full = key(Category.GENERATE);
        assertTrue(generate(full, 1, 3, T0).admitted());
        Verdict limited = generate(full, 1, 3, T0 + 1);
        assertEquals(Verdict.Outcome.RATE_LIMITED, limited.outcome());
        assertEquals(1, limited.activeSlots());
    }

    @Test
    void aLeakedSlotExpiresAfterItsTtl() {
        String key = key(Category.GENERATE);
        for (int i = 0; i < 3; i++) {
            assertTrue(generate(key, 100, 3, T0).admitted());
        }
        assertEquals(Verdict.Outcome.CONCURRENCY_LIMITED, generate(key, 100, 3, T0 + SLOT_TTL - 1).outcome());
        Verdict expired = generate(key, 100, 3, T0 + SLOT_TTL);
        assertTrue(expired.admitted());
        assertEquals(1, expired.activeSlots());
    }

    @Test
    void aBoundSlotIsFreedByItsJobsCompletion() {
        String key = key(Category.GENERATE);
        String member = nextMember();
        assertTrue(await(store().admit(generation(key, 10, 1), T0, member)).admitted());
        assertTrue(await(store().bind(subject, member, "req_1", T0 + 1)));
        assertEquals(Verdict.Outcome.CONCURRENCY_LIMITED, generate(key, 10, 1, T0 + 2).outcome());

        assertTrue(await(store().release(subject, "req_1", T0 + 3, T0 + 3 + SLOT_TTL)));
        assertTrue(generate(key, 10, 1, T0 + 4).admitted());
        // Releasing twice frees nothing more.
        assertFalse(await(store().release(subject, "req_1", T0 + 5, 0)));
    }

    @Test
    void aJobThatFinishesBeforeItsIdIsKnownFreesTheSlotAtBind() {
        String key = key(Category.GENERATE);
        String member = nextMember();
        assertTrue(await(store().admit(generation(key, 10, 1), T0, member)).admitted());
        assertFalse(await(store().release(subject, "req_fast", T0 + 1, T0 + 1 + SLOT_TTL)));

        assertFalse(await(store().bind(subject, member, "req_fast", T0 + 2)));
        assertTrue(generate(key, 10, 1, T0 + 3).admitted());
    }

    @Test
    void aRefusedGenerationFreesItsProvisionalSlot() {
        String key = key(Category.GENERATE);
        String member = nextMember();
        assertTrue(await(store().admit(generation(key, 10, 1), T0, member)).admitted());
        assertTrue(await(store().release(subject, member, T0 + 1, 0)));
        assertTrue(generate(key, 10, 1, T0 + 2).admitted());
        assertFalse(await(store().bind(subject, member, "req_late", T0 + 3)), "a freed slot cannot be bound");
    }

    String key(Category category) {
        return Admission.windowKey(category, subject);
    }

    String nextMember() {
        return "m" + ++members;
    }

    Verdict hit(String key, int limit, long now) {
        return admit(new Admission(List.of(new Admission.Check(Category.READ, key, limit, true)), WINDOW, null),
                now);
    }

    private Verdict generate(String key, int limit, int slots, long now) {
        return admit(generation(key, limit, slots), now);
    }

    private Admission generation(String key, int limit, int slots) {
        return new Admission(List.of(new Admission.Check(Category.GENERATE, key, limit, true)), WINDOW,
                new Admission.Slot(subject, slots, SLOT_TTL));
    }

    /** Requests in {@code key}'s window at {@code now}, looked at without counting one. */
    long counted(String key, long now) {
        int limit = 1_000;
        return limit - admit(new Admission(List.of(new Admission.Check(Category.READ, key, limit, false)), WINDOW,
                null), now).window().remaining();
    }

    /** A client address's decision: preauth counted, failed authentications only looked at. */
    private static Admission client(String preauth, int preauthLimit, String failed, int failedLimit) {
        return new Admission(List.of(new Admission.Check(Category.PREAUTH, preauth, preauthLimit, true),
                new Admission.Check(Category.FAILED_AUTH, failed, failedLimit, false)), WINDOW, null);
    }

    private static Admission account(String key, int limit, Admission.Slot slot) {
        Category category = slot == null ? Category.READ : Category.GENERATE;
        return new Admission(List.of(new Admission.Check(category, key, limit, true)), WINDOW, slot);
    }

    Verdict admit(Admission admission, long now) {
        return await(store().admit(admission, now, nextMember()));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
