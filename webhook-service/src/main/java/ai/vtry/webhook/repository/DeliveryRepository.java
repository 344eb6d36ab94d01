package ai.vtry.webhook.repository;

import static ai.vtry.webhook.repository.EndpointRepository.params;
import static ai.vtry.webhook.repository.EndpointRepository.time;

import java.time.Instant;
import java.util.List;

import ai.vtry.common.id.Ids;
import ai.vtry.webhook.entity.Delivery;
import ai.vtry.webhook.entity.Endpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The webhook_deliveries table: deliveries recorded once per event and endpoint, due attempts claimed
 * by one replica at a time, and each attempt's outcome.
 */
@ApplicationScoped
public class DeliveryRepository {

    /** A claimed attempt: the delivery and the endpoint it goes to. */
    public record Claimed(Delivery delivery, Endpoint endpoint) {
    }

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the event for every enabled endpoint of the workspace that takes its type, due now.
     * An event heard again adds nothing (one delivery per event and endpoint). Returns how many were added.
     */
    public Uni<Integer> enqueue(String workspaceId, String eventId, String type, String jobId, String payload, Instant now) {
        return pool.preparedQuery("""
                insert into webhook_deliveries (id, endpoint_id, workspace_id, event_id, event_type, job_id, payload, status,
                                                next_attempt_at, created_at)
                select 'whd_' || substr(md5(random()::text || clock_timestamp()::text || e.id), 1, 20), e.id, e.workspace_id, $2, $3, $4, $5, 'pending', $6, $6
                from webhook_endpoints e
                where e.workspace_id = $1 and e.enabled and not e.per_request and ($3 = any(e.events) or '*' = any(e.events))
                on conflict (endpoint_id, event_id) do nothing""")
                .execute(params(workspaceId, eventId, type, jobId, payload, time(now)))
                .map(rows -> rows.rowCount());
    }

    /**
     * The event for the URL its job's request named (webhookUrl), due now: that URL's hidden endpoint,
     * made on first use with the workspace's request secret (itself made on first use). Heard again,
     * it adds nothing. Returns how many deliveries were added (0 or 1).
     */
    public Uni<Integer> enqueueRequested(String workspaceId, String url, String eventId, String type, String jobId,
            String payload, String newSecret, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into workspace_request_secrets (workspace_id, secret, created_at) values ($1, $2, $3)
                on conflict (workspace_id) do nothing""")
                .execute(params(workspaceId, newSecret, time(now)))
                .chain(() -> connection.preparedQuery("""
                        insert into webhook_endpoints (id, workspace_id, url, events, enabled, secret, previous_secret,
                                                       previous_secret_until, per_request, created_at, updated_at)
                        select $1, $2, $3, array['*'], true, s.secret, s.previous_secret, s.previous_secret_until, true, $4, $4
                        from workspace_request_secrets s where s.workspace_id = $2
                        on conflict (workspace_id, url) where per_request do nothing""")
                        .execute(params(Ids.newId("wh"), workspaceId, url, time(now))))
                .chain(() -> connection.preparedQuery("""
                        insert into webhook_deliveries (id, endpoint_id, workspace_id, event_id, event_type, job_id, payload,
                                                        status, next_attempt_at, created_at)
                        select $1, e.id, e.workspace_id, $4, $5, $6, $7, 'pending', $8, $8
                        from webhook_endpoints e where e.workspace_id = $2 and e.url = $3 and e.per_request
                        on conflict (endpoint_id, event_id) do nothing""")
                        .execute(params(Ids.newId("whd"), workspaceId, url, eventId, type, jobId, payload, time(now))))
                .map(rows -> rows.rowCount()));
    }

    /**
     * A new request secret for the workspace, returned once; the previous one keeps signing until
     * {@code previousUntil}, on every per-request endpoint too.
     */
    public Uni<String> rotateRequestSecret(String workspaceId, String secret, Instant previousUntil, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into workspace_request_secrets (workspace_id, secret, created_at) values ($1, $2, $4)
                on conflict (workspace_id) do update set previous_secret = workspace_request_secrets.secret,
                    previous_secret_until = $3, secret = excluded.secret""")
                .execute(params(workspaceId, secret, time(previousUntil), time(now)))
                .chain(() -> connection.preparedQuery("""
                        update webhook_endpoints set previous_secret = secret, previous_secret_until = $3, secret = $2,
                            updated_at = $4
                        where workspace_id = $1 and per_request""")
                        .execute(params(workspaceId, secret, time(previousUntil), time(now))))
                .replaceWith(secret));
    }

    /** One delivery to one endpoint whatever its events (a test event), due now. */
    public Uni<Delivery> enqueueTo(Endpoint endpoint, String eventId, String type, String payload, Instant now) {
        return pool.preparedQuery("""
                insert into webhook_deliveries (id, endpoint_id, workspace_id, event_id, event_type, payload, status,
                                                next_attempt_at, created_at)
                values ($1, $2, $3, $4, $5, $6, 'pending', $7, $7) returning *""")
                .execute(params(Ids.newId("whd"), endpoint.id(), endpoint.workspaceId(), eventId, type, payload, time(now)))
                .map(rows -> Delivery.of(rows.iterator().next()));
    }

    /**
     * Claims up to {@code batch} due attempts of enabled endpoints for this replica: each counts as
     * attempted now and is not due again before {@code leaseUntil}, so no other replica sends it
     * meanwhile, and one left behind by a replica that died is sent once the lease passes.
     */
    public Uni<List<Claimed>> claimDue(Instant now, Instant leaseUntil, int batch) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                with due as (
                    select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
                    where d.status = 'pending' and d.next_attempt_at <= $1 and e.enabled
                    order by d.next_attempt_at
                    limit $3
                    for update of d skip locked)
                update webhook_deliveries d set attempts = d.attempts + 1, last_attempt_at = $1, next_attempt_at = $2
                from due where d.id = due.id
                returning d.*""")
                .execute(params(time(now), time(leaseUntil), batch))
                .chain(rows -> {
                    List<Delivery> claimed = rows.stream().map(Delivery::of).toList();
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(List.<Claimed>of());
                    }
                    String[] endpointIds = claimed.stream().map(Delivery::endpointId).distinct().toArray(String[]::new);
                    return connection.preparedQuery("select * from webhook_endpoints where id = any($1)")
                            .execute(Tuple.of(endpointIds))
                            .map(endpoints -> {
                                List<Endpoint> all = endpoints.stream().map(Endpoint::of).toList();
                                return claimed.stream().map(d -> new Claimed(d, all.stream()
                                        .filter(e -> e.id().equals(d.endpointId())).findFirst().orElseThrow())).toList();
                            });
                }));
    }

    /**
     * A 2xx: the delivery is done and the endpoint's failure streak, if any, ends. Only the attempt
     * still claimed is recorded: one whose lease ran out and was claimed again (or redelivered)
     * records nothing, and the newer attempt decides.
     */
    public Uni<Void> delivered(Claimed claimed, int statusCode, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update webhook_deliveries set status = 'delivered', delivered_at = $2, last_status_code = $3,
                    last_error = null, next_attempt_at = null
                where id = $1 and attempts = $4 and status = 'pending'""")
                .execute(params(claimed.delivery().id(), time(now), statusCode, claimed.delivery().attempts()))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : connection.preparedQuery(
                        "update webhook_endpoints set failing_since = null where id = $1 and failing_since is not null")
                        .execute(Tuple.of(claimed.endpoint().id())).replaceWithVoid()));
    }

    /**
     * A failed attempt: due again at {@code nextAttempt}, or failed for good when that is null. The
     * endpoint's failure streak starts now if it had none; one older than {@code disableBefore}
     * disables the endpoint, saying why. True when this attempt disabled it. Like {@link #delivered},
     * only the attempt still claimed is recorded.
     */
    public Uni<Boolean> attemptFailed(Claimed claimed, Integer statusCode, String error, Instant nextAttempt, Instant now,
            Instant disableBefore) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update webhook_deliveries set status = $2, next_attempt_at = $3, last_status_code = $4, last_error = $5
                where id = $1 and attempts = $6 and status = 'pending'""")
                .execute(params(claimed.delivery().id(), nextAttempt == null ? "failed" : "pending", time(nextAttempt),
                        statusCode, error, claimed.delivery().attempts()))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false) : connection.preparedQuery("""
                        update webhook_endpoints set
                            failing_since = coalesce(failing_since, $2),
                            enabled = enabled and coalesce(failing_since, $2) >= $3,
                            disabled_reason = case when enabled and coalesce(failing_since, $2) < $3
                                then 'Every delivery failed since ' || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                else disabled_reason end
                        where id = $1 returning enabled""")
                        .execute(params(claimed.endpoint().id(), time(now), time(disableBefore)))
                        .map(endpoint -> endpoint.size() == 1 && claimed.endpoint().enabled()
                                && !endpoint.iterator().next().getBoolean(0))));
    }

    /** Forgets the finished deliveries (delivered or failed) made before {@code before}; returns how many. */
    public Uni<Integer> forgetFinished(Instant before) {
        return pool.preparedQuery("delete from webhook_deliveries where status <> 'pending' and created_at < $1")
                .execute(Tuple.of(time(before)))
                .map(rows -> rows.rowCount());
    }

    /** A page of the endpoint's deliveries, newest first. */
    public Uni<List<Delivery>> page(String endpointId, String workspaceId, int page, int pageSize) {
        return pool.preparedQuery("""
                select * from webhook_deliveries where endpoint_id = $1 and workspace_id = $2
                order by created_at desc, id desc limit $3 offset $4""")
                .execute(params(endpointId, workspaceId, pageSize, (page - 1L) * pageSize))
                .map(rows -> rows.stream().map(Delivery::of).toList());
    }

    public Uni<Integer> count(String endpointId, String workspaceId) {
        return pool.preparedQuery("select count(*) from webhook_deliveries where endpoint_id = $1 and workspace_id = $2")
                .execute(Tuple.of(endpointId, workspaceId))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Sends the delivery again now, with the same webhook-id; null when there is no such delivery. */
    public Uni<Delivery> redeliver(String deliveryId, String endpointId, String workspaceId, Instant now) {
        return pool.preparedQuery("""
                update webhook_deliveries set status = 'pending', next_attempt_at = $4
                where id = $1 and endpoint_id = $2 and workspace_id = $3 returning *""")
                .execute(params(deliveryId, endpointId, workspaceId, time(now)))
                .map(rows -> rows.size() == 0 ? null : Delivery.of(rows.iterator().next()));
    }
}
