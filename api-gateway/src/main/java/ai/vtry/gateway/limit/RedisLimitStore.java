package ai.vtry.gateway.limit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Limits in Redis, shared by all gateway instances. Every decision is one Lua script, so one
 * atomic round trip: run by EVALSHA, and by EVAL only when Redis answers NOSCRIPT (it restarted or
 * its script cache was flushed; EVAL caches the script again).
 *
 * <p>The algorithm is a sliding-window log: a sorted set per subject and category holding one
 * member per counted request, scored by its time. A request is admitted while fewer than the limit
 * lie in the last window. Chosen over GCRA and fixed windows because the reference promises "N
 * requests / minute", and the log is the only one that keeps every rolling minute at N: a fixed
 * window lets 2N through across a boundary, GCRA with a burst of N lets a burst of N plus the
 * refill, close to 2N, through within a minute. Its cost is one member per request, bounded by the
 * limit (at most 120 here) and gone one window later, and it yields exact RateLimit-Remaining,
 * RateLimit-Reset and Retry-After. Generation slots are a sorted set too, scored by expiry, so a
 * slot leaked by a lost event frees itself.
 *
 * <p>"Now" comes from the gateway's clock as an argument, not from Redis TIME: scripts stay
 * deterministic, and tests move time instead of sleeping. Instances' clocks need only agree to the
 * millisecond or so that NTP keeps them.
 */
final class RedisLimitStore implements LimitStore {

    private static final Script ADMIT = Script.load("limit/admit.lua");
    private static final Script BIND = Script.load("limit/bind.lua");
    private static final Script RELEASE = Script.load("limit/release.lua");

    private final Supplier<Redis> redis;
    private final Vertx vertx;
    private final long timeoutMillis;

    RedisLimitStore(Redis redis, Vertx vertx, Duration timeout) {
        this(() -> redis, vertx, timeout);
    }

    /** {@code redis} names the client to use for each call: the caller's event loop's. */
    RedisLimitStore(Supplier<Redis> redis, Vertx vertx, Duration timeout) {
        this.redis = redis;
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    @Override
    public Future<Verdict> admit(Admission admission, long now, String member) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(now), Long.toString(admission.windowMillis()),
                member));
        for (Admission.Check check : admission.checks()) {
            keys.add(check.key());
        }
        Admission.Slot slot = admission.slot();
        if (slot != null) {
            keys.add(Admission.activeSlotsKey(slot.account()));
            args.add(Integer.toString(slot.max()));
            args.add(Long.toString(now + slot.ttlMillis()));
        } else {
            args.add("0");
            args.add("0");
        }
        args.add(Integer.toString(admission.firstStage()));
        for (Admission.Check check : admission.checks()) {
            args.add(Integer.toString(check.limit()));
            args.add(check.counts() ? "1" : "0");
        }
        return run(ADMIT, keys, args).map(reply -> {
            int n = admission.checks().size();
            long[] counts = new long[n];
            long[] oldest = new long[n];
            for (int i = 0; i < n; i++) {
                counts[i] = reply.get(2 + 2 * i).toLong();
                oldest[i] = reply.get(3 + 2 * i).toLong();
            }
            return admission.verdict(now, reply.get(0).toInteger(), reply.get(1).toInteger(), counts, oldest);
        });
    }

    @Override
    public Future<Boolean> bind(String account, String member, String jobId, long now) {
        return run(BIND, slotKeys(account), List.of(Long.toString(now), member, jobId))
                .map(reply -> reply.toInteger() == 1);
    }

    @Override
    public Future<Boolean> release(String account, String member, long now, long rememberUntil) {
        return run(RELEASE, slotKeys(account), List.of(Long.toString(now), member, Long.toString(rememberUntil)))
                .map(reply -> reply.toInteger() == 1);
    }

    @Override
    public Future<Integer> activeSlots(String account, long now) {
        // Slots are scored by their expiry: the live ones score above now.
        return timed(redis.get().send(Request.cmd(Command.ZCOUNT).arg(Admission.activeSlotsKey(account))
                .arg("(" + now).arg("+inf"))).map(Response::toInteger);
    }

    private static List<String> slotKeys(String account) {
        return List.of(Admission.activeSlotsKey(account), Admission.finishedJobsKey(account));
    }

    private Future<Response> run(Script script, List<String> keys, List<String> args) {
        Redis client = redis.get();
        return timed(client.send(request(Command.EVALSHA, script.sha1(), keys, args))).recover(e -> {
            if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                return timed(client.send(request(Command.EVAL, script.source(), keys, args)));
            }
            return Future.failedFuture(e);
        });
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    /** The client has no per-command timeout: a Redis that stops answering must not hold requests. */
    private <T> Future<T> timed(Future<T> call) {
        Promise<T> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis,
                id -> promise.tryFail(new TimeoutException("Redis did not answer within " + timeoutMillis + " ms")));
        call.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                promise.tryComplete(result.result());
            } else {
                promise.tryFail(result.cause());
            }
        });
        return promise.future();
    }

    /** A Lua script from the classpath and its SHA-1, the name Redis caches it under. */
    record Script(String source, String sha1) {
        static Script load(String resource) {
            try (InputStream in = RedisLimitStore.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing script " + resource);
                }
                String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
                return new Script(source, HexFormat.of().formatHex(sha1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is unavailable", e);
            }
        }
    }
}
