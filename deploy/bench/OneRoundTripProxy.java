import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * The floor under the gateway, for deploy/bench/gateway-overhead.sh (BENCH_FLOOR=1): the least any
 * gateway that keeps the reference's promise can do per request. One Vert.x event loop, one EVALSHA
 * of the gateway's own admit.lua with the keys and arguments of a known key's decision (the address's
 * preauth and failed-auth logs, the account's read log), then the request forwarded to the service
 * with a fixed internal token and the answer relayed. No authentication, tracing, metrics, headers
 * or error handling. What the real gateway loses against this is its own overhead; what this loses
 * against the service alone is the price of a Redis round trip and a proxy hop on this machine.
 *
 * <p>Not a server to run anywhere else. Run from the repository root, after a build:
 * {@code java -cp "api-gateway/target/quarkus-app/lib/main/*" deploy/bench/OneRoundTripProxy.java
 * PORT SERVICE_URL REDIS_URL TOKEN_FILE}
 */
public class OneRoundTripProxy {

    private static final String LIMIT = "1000000000"; // never refuses: the benchmark measures the cost

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        URI service = URI.create(args[1]);
        String redisUrl = args[2];
        String token = Files.readString(Path.of(args[3])).trim();
        String script = Files.readString(Path.of("api-gateway/src/main/resources/limit/admit.lua"));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        vertx.runOnContext(v -> {
            Redis redis = Redis.createClient(vertx,
                    new RedisOptions().setConnectionString(redisUrl).setMaxPoolSize(64).setMaxPoolWaiting(4096));
            HttpClient client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
            AtomicLong sequence = new AtomicLong();
            redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script)).onSuccess(sha -> {
                vertx.createHttpServer().requestHandler(in -> {
                    in.pause();
                    // As RedisLimitStore.admit for a cached key: 3 logs, no slot, first stage = the 2 address logs.
                    Request admit = Request.cmd(Command.EVALSHA).arg(sha.toString()).arg(3)
                            .arg("bench:preauth:{ip:127.0.0.1}").arg("bench:failed-auth:{ip:127.0.0.1}")
                            .arg("bench:read:{account}")
                            .arg(System.currentTimeMillis()).arg(60_000).arg("floor:" + sequence.incrementAndGet())
                            .arg(0).arg(0).arg(2)
                            .arg(LIMIT).arg(1).arg(LIMIT).arg(0).arg(LIMIT).arg(1);
                    redis.send(admit)
                            .compose(decided -> client.request(new RequestOptions().setMethod(in.method())
                                    .setHost(service.getHost()).setPort(service.getPort()).setURI(in.uri())
                                    .putHeader("Authorization", "Bearer " + token)))
                            .compose(out -> out.send())
                            .compose(upstream -> {
                                HttpServerResponse response = in.response().setStatusCode(upstream.statusCode());
                                response.headers().addAll(upstream.headers());
                                in.resume();
                                return upstream.body().compose(response::end);
                            })
                            .onFailure(e -> {
                                if (!in.response().headWritten()) {
                                    in.response().setStatusCode(502).end(String.valueOf(e));
                                }
                            });
                }).listen(port, "127.0.0.1")
                        .onSuccess(server -> System.out.println("one-round-trip proxy on 127.0.0.1:" + port))
                        .onFailure(e -> {
                            e.printStackTrace();
                            System.exit(1);
                        });
            }).onFailure(e -> {
                e.printStackTrace();
                System.exit(1);
            });
        });
    }
}
