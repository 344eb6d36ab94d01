package ai.vtry.gateway.me;

import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.admin.AccountService;
import ai.vtry.gateway.pipeline.ApiPipeline;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * POST /api/v1/me/api-key/rotate: the key's user replaces it, as the operator's {@code ./vtry key
 * rotate} does. The key that sent the request stops working at once on this instance (within a
 * second on the others); the new one is in this answer only.
 */
@Path("/api/v1/me/api-key")
public class ApiKeyResource {

    public record NewKey(String apiKey) {
    }

    /** The same rotation as the operator's: one place revokes and issues keys. */
    private final AccountService accounts;

    public ApiKeyResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("rotate")
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> rotate(RoutingContext ctx) {
        Principal principal = ApiPipeline.principal(ctx);
        return accounts.rotateKey(principal.email())
                .map(key -> Response.ok(new NewKey(key)).header("Cache-Control", "no-store").build());
    }
}
