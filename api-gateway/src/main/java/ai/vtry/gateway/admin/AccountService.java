package ai.vtry.gateway.admin;

import java.util.List;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.id.Ids;
import ai.vtry.gateway.account.Account;
import ai.vtry.gateway.account.AccountRepository;
import ai.vtry.gateway.account.ApiKeyRepository;
import ai.vtry.gateway.account.NewAccount;
import ai.vtry.gateway.account.Plan;
import ai.vtry.gateway.auth.ApiKeyAuthenticator;
import ai.vtry.gateway.auth.ApiKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Accounts, workspaces and their keys. Emails arrive lowercased. Each account has at most one
 * active key: creating an account issues it, rotating replaces it, revoking removes it.
 */
@ApplicationScoped
public class AccountService {

    private final Pool pool;
    private final AccountRepository accounts;
    private final ApiKeyRepository keys;
    private final ApiKeyAuthenticator authenticator;

    public AccountService(Pool pool, AccountRepository accounts, ApiKeyRepository keys,
            ApiKeyAuthenticator authenticator) {
        this.pool = pool;
        this.accounts = accounts;
        this.keys = keys;
        this.authenticator = authenticator;
    }

    public Uni<List<Account>> list() {
        return accounts.listAll();
    }

    /** A new account that owns a new workspace on {@code plan}. */
    public Uni<NewAccount> createOwner(String email, Plan plan) {
        return create(email, Ids.newId("ws"), true, plan);
    }

    /** A new account in the owner's workspace; it works under the owner's plan. */
    public Uni<NewAccount> addMember(String ownerEmail, String email) {
        return accounts.findByEmail(ownerEmail).chain(owner -> {
            requireOwner(owner, ownerEmail);
            // A member's own plan_id is never read: the workspace's plan is the owner's.
            return create(email, owner.workspaceId(), false, Plan.FREE);
        });
    }

    /** Revokes the account's key and returns a new one, atomically. */
    public Uni<String> rotateKey(String email) {
        return pool.withTransaction(tx -> accounts.lockByEmail(tx, email).chain(account -> {
            if (account == null) {
                throw ApiException.notFound("Account", email);
            }
            ApiKeys.Generated key = ApiKeys.generate();
            return keys.revokeAll(tx, account.userId())
                    .chain(() -> keys.insert(tx, account.userId(), key.lookupPrefix(), key.hash()))
                    .replaceWith(new Committed<>(account.workspaceId(), key.key()));
        })).map(this::forgetCached);
    }

    /** Revokes every active key of the account; returns how many. */
    public Uni<Integer> revokeKeys(String email) {
        return pool.withTransaction(tx -> accounts.lockByEmail(tx, email).chain(account -> {
            if (account == null) {
                throw ApiException.notFound("Account", email);
            }
            return keys.revokeAll(tx, account.userId())
                    .map(revoked -> new Committed<>(account.workspaceId(), revoked));
        })).map(this::forgetCached);
    }

    /** Changes the plan of a workspace through its owner's account. */
    public Uni<Account> changePlan(String email, Plan plan) {
        return accounts.findByEmail(email).chain(account -> {
            requireOwner(account, email);
            return accounts.updatePlan(account.userId(), plan);
        }).chain(() -> accounts.findByEmail(email))
                .invoke(account -> authenticator.forgetWorkspace(account.workspaceId()));
    }

    /** A change that took effect in a workspace; its cached principals go once it is committed. */
    private record Committed<T>(String workspaceId, T result) {
    }

    /**
     * This instance stops honouring the old state at once; other instances within their cache's
     * second.
     */
    private <T> T forgetCached(Committed<T> change) {
        authenticator.forgetWorkspace(change.workspaceId());
        return change.result();
    }

    private Uni<NewAccount> create(String email, String workspaceId, boolean owner, Plan plan) {
        String userId = Ids.newId("usr");
        ApiKeys.Generated key = ApiKeys.generate();
        return pool.withTransaction((SqlConnection tx) -> accounts.insert(tx, userId, email, workspaceId, owner, plan)
                .chain(() -> keys.insert(tx, userId, key.lookupPrefix(), key.hash())))
                .onFailure(AccountService::isDuplicateEmail)
                .transform(e -> new ApiException(409, "accountExists", "An account with this email already exists"))
                .chain(() -> accounts.findByEmail(email))
                .map(account -> new NewAccount(account, key.key()));
    }

    private static void requireOwner(Account account, String email) {
        if (account == null) {
            throw ApiException.notFound("Account", email);
        }
        if (!account.isWorkspaceOwner()) {
            throw new ApiException(409, "notWorkspaceOwner",
                    "The account is a member of another account's workspace; its owner holds the plan and members");
        }
    }

    private static boolean isDuplicateEmail(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "accounts_email_key".equals(pg.getConstraint());
    }
}
