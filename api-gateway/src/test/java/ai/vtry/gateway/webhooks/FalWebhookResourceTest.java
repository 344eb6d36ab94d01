package ai.vtry.gateway.webhooks;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.vtry.common.event.Channels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** fal calling back: only a callback signed by one of fal's keys, and recent, reaches the workers. */
@QuarkusTest
class FalWebhookResourceTest {

    @Inject
    RedisDataSource redis;

    private final List<String> published = new CopyOnWriteArrayList<>();
    private PubSubCommands.RedisSubscriber subscriber;

    @BeforeEach
    void listen() {
        subscriber = redis.pubsub(String.class).subscribe(Channels.providerCallbacks("fal"), published::add);
    }

    @AfterEach
    void stopListening() {
        subscriber.unsubscribe();
    }

    private static String body(String requestId) {
        return "{\"request_id\":\"" + requestId + "\",\"gateway_request_id\":\"" + requestId
                + "\",\"status\":\"OK\",\"payload\":{\"images\":[{\"url\":\"https://v3.fal.media/files/x.jpg\"}]}}";
    }

    /** Signs as fal does: Ed25519 over request id, user id, timestamp and the body's SHA-256, hex. */
    private static String sign(PrivateKey key, String requestId, String userId, long timestamp, String body) throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(key);
        ed25519.update((requestId + "\n" + userId + "\n" + timestamp + "\n" + digest).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(ed25519.sign());
    }

    private static RequestSpecification callback(String requestId, long timestamp, String signature, String body) {
        return given().contentType("application/json")
                .header("X-Fal-Webhook-Request-Id", requestId)
                .header("X-Fal-Webhook-User-Id", "user-1")
                .header("X-Fal-Webhook-Timestamp", Long.toString(timestamp))
                .header("X-Fal-Webhook-Signature", signature)
                .body(body);
    }

    @Test
    void aCallbackSignedByFalIsPublishedToTheWorkers() throws Exception {
        String requestId = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        String body = body(requestId);

        callback(requestId, now, sign(FalKeysTestResource.FAL.getPrivate(), requestId, "user-1", now, body), body)
                .when().post("/webhooks/fal")
                .then().statusCode(204);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> published.contains(requestId));
    }

    @Test
    void forgedTamperedOrStaleCallbacksAreRefusedAndReachNoWorker() throws Exception {
        String requestId = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        String body = body(requestId);
        PrivateKey fal = FalKeysTestResource.FAL.getPrivate();
        PrivateKey forger = FalKeysTestResource.generate().getPrivate();

        // signed by a key fal never published
        callback(requestId, now, sign(forger, requestId, "user-1", now, body), body).when().post("/webhooks/fal")
                .then().statusCode(401).body("error.code", equalTo("invalidSignature"));
        // fal's signature, another body
        callback(requestId, now, sign(fal, requestId, "user-1", now, body), body.replace("OK", "ERROR"))
                .when().post("/webhooks/fal").then().statusCode(401);
        // fal's signature, but 10 minutes old (a replay)
        long old = now - 600;
        callback(requestId, old, sign(fal, requestId, "user-1", old, body), body).when().post("/webhooks/fal")
                .then().statusCode(401);
        // no signature at all
        given().contentType("application/json").body(body).when().post("/webhooks/fal").then().statusCode(401);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertTrue(published.isEmpty(), "nothing published: " + published));
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnyCheck() {
        String huge = "x".repeat(FalWebhookResource.MAX_BODY + 1);
        assertEquals(413, callback("r", Instant.now().getEpochSecond(), "00".repeat(64), huge)
                .when().post("/webhooks/fal").then().extract().statusCode());
    }
}
