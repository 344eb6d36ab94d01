package ai.vtry.gateway.me;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.vtry.gateway.account.Plan;
import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.limit.RateLimiter;
import ai.vtry.gateway.limit.Verdict;
import ai.vtry.gateway.pipeline.ApiPipeline;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * GET /api/v1/me, answered from the principal the API key resolved to (no database query), and the
 * account's rate-limit windows as they stand (one look per category, counting nothing) and its
 * generation slots in use.
 */
@Path("/api/v1/me")
public class MeResource {

    public record Me(User user, Subscription subscription, Workspace workspace, Map<String, Limit> limits,
            Concurrency concurrency) {
    }

    /** Generations that may run at once, and how many of the account's run now (until their jobs end). */
    public record Concurrency(int limit, int active, int remaining) {
    }

    /** One rate-limit category of the account now: its limit a window, what is left, when more is. */
    public record Limit(int limit, int remaining, long resetSeconds) {
    }

    public record User(String id, String email) {
    }

    /** Plans are granted by the operator: always active, never cancelling, no renewal date. */
    public record Subscription(String planId, String planLabel, String status, boolean cancelAtPeriodEnd,
            Instant renewsAt) {
    }

    public record Workspace(String ownerId, @JsonProperty("isWorkspaceOwner") boolean isWorkspaceOwner) {
    }

    private final RateLimiter limiter;

    public MeResource(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Me> me(RoutingContext ctx) {
        Principal principal = ApiPipeline.principal(ctx);
        String label = Plan.fromId(principal.planId()).map(Plan::label).orElse(principal.planId());
        Uni<List<Verdict.Window>> windows = Uni.createFrom().completionStage(limiter.windows(principal).toCompletionStage());
        Uni<Verdict.Slots> slots = Uni.createFrom().completionStage(limiter.generationSlots(principal).toCompletionStage());
        return Uni.combine().all().unis(windows, slots).with((open, held) -> {
            Map<String, Limit> limits = new LinkedHashMap<>();
            for (Verdict.Window window : open) {
                limits.put(window.category().wireName(), new Limit(window.limit(), window.remaining(),
                        (window.resetMillis() + 999) / 1000));
            }
            return new Me(new User(principal.userId(), principal.email()),
                    new Subscription(principal.planId(), label, "active", false, null),
                    new Workspace(principal.ownerUserId(), principal.isWorkspaceOwner()), limits,
                    new Concurrency(held.limit(), held.active(), Math.max(0, held.limit() - held.active())));
        });
    }
}
