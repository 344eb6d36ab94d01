package ai.vtry.gateway.idempotency;

import java.util.concurrent.TimeoutException;

import ai.vtry.gateway.config.IdempotencyConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keys in Redis, shared by every gateway instance: {@code vtry:idem:<workspace>:<sha256 of the key>}
 * holding a {@link KeyRecord} as JSON. A claim is SET NX with a short life ({@code claim-ttl}); an
 * answer replaces it for {@code retention}. Every call is bounded by {@code redis-timeout}.
 */
@ApplicationScoped
class IdempotencyStore {

    private final Redis redis;
    private final Vertx vertx;
    private final IdempotencyConfig config;

    IdempotencyStore(Redis redis, Vertx vertx, IdempotencyConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
    }

    static String redisKey(String workspaceId, String idempotencyKey) {
        return "vtry:idem:" + workspaceId + ":" + Fingerprint.sha256Hex(idempotencyKey);
    }

    /** Claims the key: null if this request now holds it, else what the key holds already. */
    Future<KeyRecord> claim(String key) {
        Request set = Request.cmd(Command.SET).arg(key).arg(KeyRecord.claimed().toJson()).arg("NX")
                .arg("PX").arg(config.claimTtl().toMillis()).arg("GET");
        return send(set).map(previous -> previous == null ? null : KeyRecord.fromJson(previous.toString()));
    }

    /** What the key holds now, or null if nothing (its claim was released or has expired). */
    Future<KeyRecord> read(String key) {
        return send(Request.cmd(Command.GET).arg(key))
                .map(value -> value == null ? null : KeyRecord.fromJson(value.toString()));
    }

    /** Keeps the answer for the retention period, in place of the claim. */
    Future<Void> answer(String key, KeyRecord answer) {
        return send(Request.cmd(Command.SET).arg(key).arg(answer.toJson()).arg("PX").arg(config.retention().toMillis()))
                .mapEmpty();
    }

    /** Frees the key: the request it was claimed for has no answer worth keeping. */
    Future<Void> release(String key) {
        return send(Request.cmd(Command.DEL).arg(key)).mapEmpty();
    }

    private Future<Response> send(Request request) {
        Promise<Response> result = Promise.promise();
        long timer = vertx.setTimer(config.redisTimeout().toMillis(),
                t -> result.tryFail(new TimeoutException("Redis did not answer in " + config.redisTimeout())));
        redis.send(request).onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
                result.tryComplete(done.result());
            } else {
                result.tryFail(done.cause());
            }
        });
        return result.future();
    }
}
