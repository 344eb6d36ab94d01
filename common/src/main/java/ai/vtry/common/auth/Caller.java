package ai.vtry.common.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;

import ai.vtry.common.error.ApiException;

/**
 * Who is calling, from the gateway's internal token: the user, the workspace they act in (a
 * member acts in the owner's workspace) and that workspace's plan.
 */
public record Caller(String userId, String workspaceId, String planId) {

    public static final String WORKSPACE_CLAIM = "wid";
    public static final String PLAN_CLAIM = "plan";

    public static Caller of(JsonWebToken token) {
        String workspace = token == null ? null : token.getClaim(WORKSPACE_CLAIM);
        if (workspace == null || token.getSubject() == null) {
            throw new ApiException(401, "unauthorized", "A valid internal token is required");
        }
        String plan = token.getClaim(PLAN_CLAIM);
        return new Caller(token.getSubject(), workspace, plan == null ? "free" : plan);
    }

    /** Paid plans unlock NanoBanana2 and resolution. */
    public boolean paidPlan() {
        return !"free".equals(planId);
    }
}
