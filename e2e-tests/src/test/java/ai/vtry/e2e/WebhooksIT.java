package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.restassured.http.ContentType;

/**
 * Webhooks through the gateway, delivered by webhook-service to a receiver in this JVM that checks
 * every signature the way a customer would (Standard Webhooks, written here independently of the
 * service's own code) with the secret it was shown.
 */
class WebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A customer's endpoint: keeps each request that carries a valid signature of {@code secret}, counts the rest. */
    static final class Receiver implements AutoCloseable {
        record Delivery(String id, JsonNode body) {
        }

        final HttpServer server;
        final List<Delivery> verified = new CopyOnWriteArrayList<>();
        final List<String> rejected = new CopyOnWriteArrayList<>();
        volatile String secret;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                boolean ok = verify(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"), body,
                        exchange.getRequestHeaders().getFirst("webhook-signature"));
                if (ok) {
                    verified.add(new Delivery(id, JSON.readTree(body)));
                } else {
                    rejected.add(id);
                }
                exchange.sendResponseHeaders(ok ? 204 : 400, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/vtry-events";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Standard Webhooks: a fresh timestamp and one v1 entry equal to HMAC-SHA256(key, id.timestamp.body). */
    static boolean verify(String secret, String id, String timestamp, String body, String header) {
        try {
            if (secret == null || id == null || header == null
                    || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = Base64.getEncoder().encode(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            for (String entry : header.split(" ")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aGenerationsCompletionArrivesOnceSignedWithTheJobAsTheApiShowsIt() throws Exception {
        String key = Stack.newAccount("pro");
        try (Receiver receiver = new Receiver()) {
            receiver.secret = as(key).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "events", List.of("job.completed", "job.failed"), "description", "e2e"))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");

            String personId = TryOn.composedPerson(key);
            String cloth = TryOn.cloth(key, Color.MAGENTA);
            String requestId = TryOn.generate(key, Map.of("model", "NanoBanana", "personId", personId,
                    "clothesIds", List.of(cloth))).statusCode(202).extract().path("requestId");
            TryOn.awaitCompleted(key, requestId);

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.verified.stream()
                    .anyMatch(d -> requestId.equals(d.body().path("data").path("id").asText())));
            Thread.sleep(1500);
            List<Receiver.Delivery> ofJob = receiver.verified.stream()
                    .filter(d -> requestId.equals(d.body().path("data").path("id").asText())).toList();
            assertEquals(1, ofJob.size(), "once");
            assertEquals(List.of(), receiver.rejected, "every request carried a valid signature");
            JsonNode body = ofJob.get(0).body();
            assertEquals("job.completed", body.path("type").asText());
            JsonNode job = JSON.readTree(as(key).get("/api/v1/jobs/" + requestId).then().statusCode(200).extract().asString());
            for (String field : List.of("id", "kind", "status", "imageKey", "createdAt", "updatedAt", "deadline", "parameters")) {
                assertEquals(job.path(field), body.path("data").path(field), field);
            }
            // The link in the webhook works like the API's own.
            byte[] image = io.restassured.RestAssured.given().urlEncodingEnabled(false)
                    .get(body.path("data").path("imageUrl").asText()).then().statusCode(200).extract().asByteArray();
            Stack.decode(image);
            // The compose and the upload did not go to this endpoint's log twice, the generation once.
            String hook = as(key).get("/api/v1/webhooks").then().extract().path("webhooks[0].id");
            as(key).get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                    .body("deliveries.findAll { it.jobId == '" + requestId + "' }.size()", equalTo(1));
        }
    }

    @Test
    void aGenerationsOwnWebhookUrlGetsItsCompletionSignedWithTheRequestSecret() throws Exception {
        String key = Stack.newAccount("pro");
        try (Receiver receiver = new Receiver()) {
            receiver.secret = as(key).post("/api/v1/webhooks/request-secret").then().statusCode(200).extract().path("secret");
            String personId = TryOn.composedPerson(key);
            String cloth = TryOn.cloth(key, Color.CYAN);
            String requestId = TryOn.generate(key, Map.of("model", "NanoBanana", "personId", personId,
                    "clothesIds", List.of(cloth), "webhookUrl", receiver.url())).statusCode(202).extract().path("requestId");

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.verified.isEmpty());
            Thread.sleep(1000);
            assertEquals(1, receiver.verified.size(), "only the generation asked for it, once");
            assertEquals(List.of(), receiver.rejected);
            assertEquals(requestId, receiver.verified.get(0).body().path("data").path("id").asText());
            assertEquals(receiver.url(), receiver.verified.get(0).body().path("data").path("parameters").path("webhookUrl").asText());
        }
    }

    @Test
    void anotherWorkspaceCannotSeeChangeOrTestAnEndpointAndPrivateUrlsAreRefused() throws Exception {
        String owner = Stack.newAccount("free");
        String stranger = Stack.newAccount("free");
        try (Receiver receiver = new Receiver()) {
            String id = as(owner).contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "events", List.of("*")))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            as(stranger).get("/api/v1/webhooks/" + id).then().statusCode(404).body("error.code", equalTo("notFound"));
            as(stranger).contentType(ContentType.JSON).body(Map.of("url", "https://example.com/x"))
                    .patch("/api/v1/webhooks/" + id).then().statusCode(404);
            as(stranger).post("/api/v1/webhooks/" + id + "/test").then().statusCode(404);
            as(stranger).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(404);
            as(stranger).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
            as(stranger).delete("/api/v1/webhooks/" + id).then().statusCode(404);
            assertTrue(receiver.verified.isEmpty());
        }
        as(owner).contentType(ContentType.JSON).body(Map.of("url", "http://10.0.0.7/hooks", "events", List.of("*")))
                .post("/api/v1/webhooks").then().statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.url[0]", equalTo("The host 10.0.0.7 does not resolve to a public address"));
    }
}
