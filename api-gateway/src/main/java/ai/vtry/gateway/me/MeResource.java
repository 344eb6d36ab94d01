package ai.vtry.gateway.me;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.vtry.common.error.ApiException;
import ai.vtry.gateway.account.Plan;
import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.pipeline.ApiPipeline;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /api/v1/me, answered from the principal the API key resolved to (no extra query). */
@Path("/api/v1/me")
public class MeResource {

    public record Me(User user, Subscription subscription, Workspace workspace) {
    }

    public record User(String id, String email) {
    }

    /** Plans are granted by the operator: always active, never cancelling, no renewal date. */
    public record Subscription(String planId, String planLabel, String status, boolean cancelAtPeriodEnd,
            Instant renewsAt) {
    }

    public record Workspace(String ownerId, @JsonProperty("isWorkspaceOwner") boolean isWorkspaceOwner) {
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Me me(RoutingContext ctx) {
        Principal principal = ApiPipeline.principal(ctx);
        if (principal == null) {
            throw new ApiException(401, "missingApiKey", "An API key is required");
        }
        String label = Plan.fromId(principal.planId()).map(Plan::label).orElse(principal.planId());
        return new Me(new User(principal.userId(), principal.email()),
                new Subscription(principal.planId(), label, "active", false, null),
                new Workspace(principal.ownerUserId(), principal.isWorkspaceOwner()));
    }
}
