package ai.vtry.webhook.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import ai.vtry.webhook.entity.Endpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The webhook_endpoints table; every read and change is scoped to the caller's workspace. */
@ApplicationScoped
public class EndpointRepository {

    private final Pool pool;

    public EndpointRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds the endpoint unless its workspace has {@code max} already: null then. The workspace's
     * creations take turns (a transaction lock on it), so two at once cannot both pass the count.
     */
    public Uni<Endpoint> insert(Endpoint e, int max) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_advisory_xact_lock(hashtext('webhook_endpoints:' || $1))")
                .execute(Tuple.of(e.workspaceId()))
                .chain(() -> connection.preparedQuery("""
                        insert into webhook_endpoints (id, workspace_id, url, description, events, enabled, secret, created_at, updated_at)
                        select $1, $2, $3, $4, $5, true, $6, $7, $7
                        where (select count(*) from webhook_endpoints where workspace_id = $2 and not per_request) < $8
                        returning *""")
                        .execute(params(e.id(), e.workspaceId(), e.url(), e.description(), e.events().toArray(String[]::new),
                                e.secret(), time(e.createdAt()), max)))
                .map(EndpointRepository::one));
    }

    public Uni<List<Endpoint>> list(String workspaceId) {
        return pool.preparedQuery("select * from webhook_endpoints where workspace_id = $1 and not per_request order by created_at, id")
                .execute(Tuple.of(workspaceId))
                .map(rows -> rows.stream().map(Endpoint::of).toList());
    }

    /** The endpoint, or null when there is none of that id in the workspace. */
    public Uni<Endpoint> find(String id, String workspaceId) {
        return pool.preparedQuery("select * from webhook_endpoints where id = $1 and workspace_id = $2 and not per_request")
                .execute(Tuple.of(id, workspaceId))
                .map(EndpointRepository::one);
    }

    /**
     * Changes what is given (null: unchanged). Enabling an endpoint clears why it was disabled and its
     * failure streak, so it gets five more days. Null when there is no such endpoint.
     */
    public Uni<Endpoint> update(String id, String workspaceId, String url, String description, List<String> events,
            Boolean enabled, Instant now) {
        return pool.preparedQuery("""
                update webhook_endpoints set
                    url = coalesce($3, url),
                    description = case when $4::text is null then description else nullif(btrim($4), '') end,
                    events = coalesce($5, events),
                    disabled_reason = case when $6::boolean then null
                                           when not $6::boolean and enabled then 'Disabled through the API'
                                           else disabled_reason end,
                    failing_since = case when $6::boolean and not enabled then null else failing_since end,
                    enabled = coalesce($6, enabled),
                    updated_at = $7
                where id = $1 and workspace_id = $2 and not per_request returning *""")
                .execute(params(id, workspaceId, url, description, events == null ? null : events.toArray(String[]::new),
                        enabled, time(now)))
                .map(EndpointRepository::one);
    }

    public Uni<Boolean> delete(String id, String workspaceId) {
        return pool.preparedQuery("delete from webhook_endpoints where id = $1 and workspace_id = $2 and not per_request")
                .execute(Tuple.of(id, workspaceId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A new secret; the current one keeps signing beside it until {@code previousUntil}. */
    public Uni<Endpoint> rotate(String id, String workspaceId, String secret, Instant previousUntil, Instant now) {
        return pool.preparedQuery("""
                update webhook_endpoints set previous_secret = secret, previous_secret_until = $4, secret = $3, updated_at = $5
                where id = $1 and workspace_id = $2 and not per_request returning *""")
                .execute(params(id, workspaceId, secret, time(previousUntil), time(now)))
                .map(EndpointRepository::one);
    }

    static Endpoint one(RowSet<Row> rows) {
        return rows.size() == 0 ? null : Endpoint.of(rows.iterator().next());
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The statement's parameters, $1 first; a null is SQL null. */
    static Tuple params(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }
}
