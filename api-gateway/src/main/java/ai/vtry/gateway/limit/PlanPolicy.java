package ai.vtry.gateway.limit;

import java.util.List;

import ai.vtry.gateway.account.Plan;
import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.config.LimitsConfig;
import ai.vtry.gateway.http.ClientAddresses;

/**
 * What a request may do, as {@link Admission}s: per client address (preauth, failed
 * authentications) and per account, by the account's plan (its category's limit and, for a
 * generation, a slot under its concurrency limit). The numbers are {@code vtry.limits.*}.
 */
final class PlanPolicy {

    private final LimitsConfig config;
    private final long windowMillis;
    private final long slotTtlMillis;

    PlanPolicy(LimitsConfig config) {
        this.config = config;
        this.windowMillis = config.window().toMillis();
        this.slotTtlMillis = config.generationSlotTtl().toMillis();
    }

    long windowMillis() {
        return windowMillis;
    }

    long slotTtlMillis() {
        return slotTtlMillis;
    }

    /** Every request of an address before its key is looked at. */
    Admission preauth(String client) {
        return single(Category.PREAUTH, addressSubject(client), config.ip().preauth(), null, true);
    }

    /** A failed authentication of an address. */
    Admission failedAuth(String client) {
        return single(Category.FAILED_AUTH, addressSubject(client), config.ip().failedAuth(), null, true);
    }

    /** An authenticated request in its category under its plan, taking a generation slot with it if asked. */
    Admission account(Principal principal, Category category, boolean takeSlot) {
        LimitsConfig.PlanLimits limits = limitsOf(principal);
        String account = principal.userId();
        Admission.Slot slot = takeSlot ? new Admission.Slot(account, limits.concurrentGenerations(), slotTtlMillis) : null;
        return single(category, account, limit(limits, category), slot, true);
    }

    /** A look at the account's window of {@code category}: checked, not counted (GET /api/v1/me). */
    Admission look(Principal principal, Category category) {
        return single(category, principal.userId(), limit(limitsOf(principal), category), null, false);
    }

    /** How many generations of the account's plan may run at once. */
    int concurrentGenerations(Principal principal) {
        return limitsOf(principal).concurrentGenerations();
    }

    private LimitsConfig.PlanLimits limitsOf(Principal principal) {
        return config.of(Plan.fromId(principal.planId()).orElse(Plan.FREE));
    }

    private static int limit(LimitsConfig.PlanLimits limits, Category category) {
        return switch (category) {
            case READ -> limits.read();
            case WRITE -> limits.write();
            case GENERATE -> limits.generate();
            case SOURCE_IMAGES -> limits.sourceImages();
            case PREAUTH, FAILED_AUTH -> throw new IllegalArgumentException(category + " is counted per client");
        };
    }

    private Admission single(Category category, String subject, int limit, Admission.Slot slot, boolean counts) {
        return new Admission(List.of(new Admission.Check(category, Admission.windowKey(category, subject), limit, counts)),
                windowMillis, slot);
    }

    /** ip:ADDRESS, or ip:NETWORK/64 for an IPv6 client: see {@link ClientAddresses#limitSubject}. */
    private static String addressSubject(String client) {
        return "ip:" + ClientAddresses.limitSubject(client);
    }
}
