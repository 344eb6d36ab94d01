package ai.vtry.gateway.account;

/** Who sent an API request: the key's user, the workspace they act in, its owner and its plan. */
public record Principal(String userId, String email, String workspaceId, String ownerUserId, String planId) {

    public static Principal of(Account account) {
        return new Principal(account.userId(), account.email(), account.workspaceId(), account.ownerUserId(),
                account.planId());
    }

    public boolean isWorkspaceOwner() {
        return userId.equals(ownerUserId);
    }
}
