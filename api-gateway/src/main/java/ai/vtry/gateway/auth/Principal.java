package ai.vtry.gateway.auth;

import ai.vtry.gateway.account.Account;
import io.vertx.ext.web.RoutingContext;

/** Who sent an API request: the key's user, the workspace they act in, its owner and its plan. */
public record Principal(String userId, String email, String workspaceId, String ownerUserId, String planId) {

    /** Where the authentication handler leaves the principal for the handlers after it. */
    static final String CONTEXT_KEY = "vtry.principal";

    public static Principal of(Account account) {
        return new Principal(account.userId(), account.email(), account.workspaceId(), account.ownerUserId(),
                account.planId());
    }

    /** The principal of an authenticated request, or null if the request was not authenticated. */
    public static Principal of(RoutingContext ctx) {
        return ctx.get(CONTEXT_KEY);
    }

    public boolean isWorkspaceOwner() {
        return userId.equals(ownerUserId);
    }
}
