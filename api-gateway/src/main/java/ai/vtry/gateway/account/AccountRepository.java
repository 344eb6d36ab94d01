package ai.vtry.gateway.account;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL on {@code accounts}. Every read joins the workspace owner, whose plan is the workspace's. */
@ApplicationScoped
public class AccountRepository {

    /** Account columns with owner and plan; {@code a} is the account, {@code o} its workspace owner. */
    static final String ACCOUNT_COLUMNS = """
            a.user_id, a.email, a.workspace_id, a.created_at, o.user_id as owner_id, o.email as owner_email, \
            o.plan_id""";
    static final String WITH_OWNER = " join accounts o on o.workspace_id = a.workspace_id and o.is_owner";

    private final Pool pool;

    public AccountRepository(Pool pool) {
        this.pool = pool;
    }

    /** The account with this (lowercased) email, or null. */
    public Uni<Account> findByEmail(String email) {
        return findByEmail(pool, email, false);
    }

    /** Same, locking the account row until the transaction of {@code tx} ends (key rotation). */
    public Uni<Account> lockByEmail(SqlClient tx, String email) {
        return findByEmail(tx, email, true);
    }

    private Uni<Account> findByEmail(SqlClient client, String email, boolean lock) {
        String sql = "select " + ACCOUNT_COLUMNS + " from accounts a" + WITH_OWNER + " where a.email = $1"
                + (lock ? " for update of a" : "");
        return client.preparedQuery(sql).execute(Tuple.of(email)).map(AccountRepository::firstOrNull);
    }

    public Uni<List<Account>> listAll() {
        return pool.query("select " + ACCOUNT_COLUMNS + " from accounts a" + WITH_OWNER
                + " order by a.created_at, a.email").execute()
                .map(rows -> {
                    List<Account> accounts = new ArrayList<>();
                    rows.forEach(row -> accounts.add(toAccount(row)));
                    return accounts;
                });
    }

    public Uni<Void> insert(SqlClient tx, String userId, String email, String workspaceId, boolean owner,
            Plan plan) {
        return tx.preparedQuery("insert into accounts (user_id, email, workspace_id, is_owner, plan_id)"
                + " values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(userId, email, workspaceId, owner, plan.id()))
                .replaceWithVoid();
    }

    /** Sets the plan of an owner's account, that is of its workspace. */
    public Uni<Void> updatePlan(String userId, Plan plan) {
        return pool.preparedQuery("update accounts set plan_id = $2 where user_id = $1")
                .execute(Tuple.of(userId, plan.id()))
                .replaceWithVoid();
    }

    static Account toAccount(Row row) {
        return new Account(row.getString("user_id"), row.getString("email"), row.getString("workspace_id"),
                row.getString("owner_id"), row.getString("owner_email"), row.getString("plan_id"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private static Account firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? toAccount(it.next()) : null;
    }
}
