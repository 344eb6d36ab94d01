package ai.vtry.job.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A workspace's usage, counted from its job records in one query: no second bookkeeping that could
 * drift from them.
 */
@ApplicationScoped
public class UsageRepository {

    /** How jobs are grouped: the SQL that names a job's group. */
    public enum Grouping {
        DAY("to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')"),
        KIND("kind"),
        MODEL("coalesce(model, '')");

        private final String sql;

        Grouping(String sql) {
            this.sql = sql;
        }
    }

    /** One group and status: how many jobs, the images they made, the provider's seconds. */
    public record Tally(String group, String status, long jobs, long images, double providerSeconds) {
    }

    private final Pool pool;

    public UsageRepository(Pool pool) {
        this.pool = pool;
    }

    /** The tallies of jobs created in [from, to), by group and status, groups in order. */
    public Uni<List<Tally>> tally(String workspaceId, Instant from, Instant to, Grouping grouping) {
        String sql = "select " + grouping.sql + " as grp, status, count(*) as jobs,"
                + " coalesce(sum(cardinality(image_keys)) filter (where status = 'COMPLETED'), 0) as images,"
                + " coalesce(sum(extract(epoch from work_ended_at - work_started_at)), 0)::float8 as seconds"
                + " from jobs where workspace_id = $1 and created_at >= $2 and created_at < $3"
                + " group by 1, 2 order by 1, 2";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(workspaceId, OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(to, ZoneOffset.UTC)))
                .map(rows -> {
                    List<Tally> tallies = new ArrayList<>();
                    for (Row row : rows) {
                        tallies.add(new Tally(row.getString("grp"), row.getString("status"), row.getLong("jobs"),
                                row.getLong("images"), row.getDouble("seconds")));
                    }
                    return tallies;
                });
    }
}
