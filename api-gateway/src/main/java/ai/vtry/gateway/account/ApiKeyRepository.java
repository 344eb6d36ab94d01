package ai.vtry.gateway.account;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL on {@code api_keys}. The lookup runs on the hot path of every API request, hence plain SQL. */
@ApplicationScoped
public class ApiKeyRepository {

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Active keys with this lookup prefix (almost always zero or one) and their accounts. */
    public Uni<List<ApiKey>> findActiveByPrefix(String lookupPrefix) {
        return pool.preparedQuery("select k.id, k.key_hash, " + AccountRepository.ACCOUNT_COLUMNS
                + " from api_keys k join accounts a on a.user_id = k.user_id" + AccountRepository.WITH_OWNER
                + " where k.lookup_prefix = $1 and k.revoked_at is null")
                .execute(Tuple.of(lookupPrefix))
                .map(rows -> {
                    List<ApiKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(new ApiKey(row.getLong("id"), row.getString("key_hash"),
                            AccountRepository.toAccount(row))));
                    return keys;
                });
    }

    public Uni<Void> insert(SqlClient tx, String userId, String lookupPrefix, String keyHash) {
        return tx.preparedQuery("insert into api_keys (user_id, lookup_prefix, key_hash) values ($1, $2, $3)")
                .execute(Tuple.of(userId, lookupPrefix, keyHash))
                .replaceWithVoid();
    }

    /** Revokes every active key of the user; returns how many there were. */
    public Uni<Integer> revokeAll(SqlClient tx, String userId) {
        return tx.preparedQuery("update api_keys set revoked_at = now() where user_id = $1 and revoked_at is null")
                .execute(Tuple.of(userId))
                .map(rows -> rows.rowCount());
    }
}
