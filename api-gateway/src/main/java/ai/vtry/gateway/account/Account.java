package ai.vtry.gateway.account;

import java.time.Instant;

/**
 * An account as the rest of the gateway sees it: its workspace, that workspace's owner and plan
 * (the owner's plan, also for members).
 */
public record Account(String userId, String email, String workspaceId, String ownerUserId, String ownerEmail,
        String planId, Instant createdAt) {

    public boolean isWorkspaceOwner() {
        return userId.equals(ownerUserId);
    }
}
