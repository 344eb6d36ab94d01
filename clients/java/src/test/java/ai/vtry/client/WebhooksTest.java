package ai.vtry.client;

import static ai.vtry.client.FakeApi.error;
import static ai.vtry.client.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.client.model.CreateWebhookRequest;
import ai.vtry.client.model.UpdateWebhookRequest;
import ai.vtry.client.model.Webhook;
import ai.vtry.client.model.WebhookDeleted;
import ai.vtry.client.model.WebhookDelivery;
import ai.vtry.client.model.WebhookDeliveryPage;
import ai.vtry.client.model.WebhookSecret;

class WebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String webhook(String id, String secret) {
        return "{\"id\":\"" + id + "\",\"url\":\"https://hooks.example.com/vtry\",\"description\":\"orders\","
                + "\"events\":[\"job.completed\",\"job.failed\"],\"enabled\":true,"
                + "\"createdAt\":\"2026-05-12T20:00:00.000Z\",\"updatedAt\":\"2026-05-12T20:00:00.000Z\""
                + (secret == null ? "" : ",\"secret\":\"" + secret + "\"") + "}";
    }

    private static String delivery(String id, String status) {
        return "{\"id\":\"" + id + "\",\"webhookId\":\"wh_1\",\"eventId\":\"ev-1\",\"type\":\"webhook.test\","
                + "\"jobId\":null,\"status\":\"" + status + "\",\"attempts\":" + (status.equals("pending") ? 0 : 1) + ","
                + "\"lastStatusCode\":" + (status.equals("pending") ? "null" : "204") + ",\"lastError\":null,"
                + "\"nextAttemptAt\":" + (status.equals("pending") ? "\"2026-05-12T20:00:01.000Z\"" : "null") + ","
                + "\"deliveredAt\":" + (status.equals("pending") ? "null" : "\"2026-05-12T20:00:01.000Z\"") + ","
                + "\"createdAt\":\"2026-05-12T20:00:00.000Z\"}";
    }

    private static JsonNode body(FakeApi.Received request) throws IOException {
        return JSON.readTree(request.body());
    }

    @Test
    void createSendsTheFieldsUnderItsKeyAndTheAnswerCarriesTheSecret() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/webhooks", json(201, webhook("wh_1", "whsec_c2VjcmV0")));
            String key = UUID.randomUUID().toString();

            Webhook created = api.client().webhooks().create(CreateWebhookRequest.builder()
                    .url("https://hooks.example.com/vtry").event(Webhook.JOB_COMPLETED).event(Webhook.JOB_FAILED)
                    .description("orders").idempotencyKey(key).build());

            assertEquals("whsec_c2VjcmV0", created.secret());
            assertEquals(List.of("job.completed", "job.failed"), created.events());
            assertTrue(created.enabled());
            FakeApi.Received sent = api.received("POST", "/api/v1/webhooks").get(0);
            assertEquals(JSON.readTree("{\"url\":\"https://hooks.example.com/vtry\","
                    + "\"events\":[\"job.completed\",\"job.failed\"],\"description\":\"orders\"}"), body(sent));
            assertEquals(key, sent.header("Idempotency-Key"));
            assertEquals("application/json", sent.header("Content-Type"));
            assertEquals("Bearer vtry_test", sent.header("Authorization"));
        }
    }

    @Test
    void createLeavesOutWhatIsUnsetAndGetsAKeyOfItsOwn() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/webhooks", json(201, webhook("wh_1", "whsec_c2VjcmV0")));

            api.client().webhooks().create(CreateWebhookRequest.builder().url("https://hooks.example.com/vtry")
                    .events(Webhook.ALL_EVENTS).build());

            FakeApi.Received sent = api.received.get(0);
            assertEquals(JSON.readTree("{\"url\":\"https://hooks.example.com/vtry\",\"events\":[\"*\"]}"), body(sent));
            assertNotNull(UUID.fromString(sent.header("Idempotency-Key")));
        }
    }

    @Test
    void listAndGetReadEndpointsWithoutTheirSecrets() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/webhooks", json(200, "{\"webhooks\":[" + webhook("wh_1", null) + ","
                    + webhook("wh_2", null) + "]}"));
            api.on("GET", "/api/v1/webhooks/wh_2", json(200, webhook("wh_2", null)));

            assertEquals(List.of("wh_1", "wh_2"), api.client().webhooks().list().stream().map(Webhook::id).toList());
            Webhook one = api.client().webhooks().get("wh_2");

            assertEquals("wh_2", one.id());
            assertEquals("orders", one.description());
            assertNull(one.secret());
            assertNull(one.disabledReason());
        }
    }

    @Test
    void updateSendsOnlyTheFieldsItSetsAndIsNotRetried() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("PATCH", "/api/v1/webhooks/wh_1", json(200, webhook("wh_1", null)), error(503, "unavailable"));
            Webhooks webhooks = api.client().webhooks();

            webhooks.update("wh_1", UpdateWebhookRequest.builder().enabled(false).build());
            assertThrows(ServerException.class, () -> webhooks.update("wh_1", UpdateWebhookRequest.builder()
                    .events(Webhook.JOB_FAILED, Webhook.JOB_CANCELLED).description("").build()));

            List<FakeApi.Received> sent = api.received("PATCH", "/api/v1/webhooks/wh_1");
            assertEquals(2, sent.size(), "the 503 was not retried");
            assertEquals(JSON.readTree("{\"enabled\":false}"), body(sent.get(0)));
            assertEquals(JSON.readTree("{\"events\":[\"job.failed\",\"job.cancelled\"],\"description\":\"\"}"),
                    body(sent.get(1)));
            assertNull(sent.get(0).header("Idempotency-Key"));
        }
    }

    @Test
    void deleteRotateTestAndRedeliverGoToTheirPaths() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("DELETE", "/api/v1/webhooks/wh_1", json(200, "{\"id\":\"wh_1\",\"deleted\":true}"));
            api.on("POST", "/api/v1/webhooks/wh_1/rotate-secret", json(200,
                    "{\"id\":\"wh_1\",\"secret\":\"whsec_bmV3\",\"previousSecretExpiresAt\":\"2026-05-13T20:00:00.000Z\"}"));
            api.on("POST", "/api/v1/webhooks/wh_1/test", json(202, delivery("whd_1", "pending")));
            api.on("POST", "/api/v1/webhooks/wh_1/deliveries/whd_1/redeliver", json(202, delivery("whd_1", "pending")));
            Webhooks webhooks = api.client().webhooks();

            WebhookSecret rotated = webhooks.rotateSecret("wh_1");
            WebhookDelivery test = webhooks.sendTest("wh_1");
            WebhookDelivery again = webhooks.redeliver("wh_1", "whd_1");
            WebhookDeleted deleted = webhooks.delete("wh_1");

            assertEquals(new WebhookSecret("wh_1", "whsec_bmV3", "2026-05-13T20:00:00.000Z"), rotated);
            assertEquals("pending", test.status());
            assertEquals("webhook.test", test.type());
            assertEquals("ev-1", test.eventId());
            assertEquals("2026-05-12T20:00:01.000Z", test.nextAttemptAt());
            assertFalse(test.delivered());
            assertEquals("whd_1", again.id());
            assertEquals(new WebhookDeleted("wh_1", true), deleted);
            for (FakeApi.Received sent : api.received) {
                assertEquals(0, sent.body().length, sent.method() + " " + sent.path() + " has no body");
                assertNotNull(sent.header("Idempotency-Key"), sent.method() + " " + sent.path() + " may be retried");
            }
            assertEquals(List.of("POST /api/v1/webhooks/wh_1/rotate-secret", "POST /api/v1/webhooks/wh_1/test",
                    "POST /api/v1/webhooks/wh_1/deliveries/whd_1/redeliver", "DELETE /api/v1/webhooks/wh_1"),
                    api.received.stream().map(r -> r.method() + " " + r.path()).toList());
        }
    }

    @Test
    void theRequestSecretIsRenewedByAPostAndReturnedOnce() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/webhooks/request-secret", json(200, "{\"secret\":\"whsec_cmVx\"}"));
            assertEquals("whsec_cmVx", api.client().webhooks().rotateRequestSecret());
            assertEquals(1, api.received("POST", "/api/v1/webhooks/request-secret").size());
        }
    }

    @Test
    void deliveriesArePagedByTheQuery() throws IOException {
        try (FakeApi api = new FakeApi()) {
            String page = "{\"deliveries\":[" + delivery("whd_2", "delivered") + "," + delivery("whd_1", "failed")
                    + "],\"page\":2,\"pageSize\":2,\"total\":5}";
            api.on("GET", "/api/v1/webhooks/wh_1/deliveries", json(200, page), json(200, page));

            WebhookDeliveryPage second = api.client().webhooks().deliveries("wh_1", 2, 2);
            api.client().webhooks().deliveries("wh_1");

            assertEquals(List.of("whd_2", "whd_1"), second.deliveries().stream().map(WebhookDelivery::id).toList());
            assertTrue(second.deliveries().get(0).delivered());
            assertEquals(Integer.valueOf(204), second.deliveries().get(0).lastStatusCode());
            assertEquals(5, second.total());
            List<FakeApi.Received> sent = api.received("GET", "/api/v1/webhooks/wh_1/deliveries");
            assertEquals("page=2&pageSize=2", sent.get(0).query());
            assertNull(sent.get(1).query());
        }
    }

    @Test
    void anUnknownEndpointIsNotFoundAndABadIdIsRefusedBeforeSending() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/webhooks/wh_x/test", error(404, "notFound"));

            assertEquals("notFound", assertThrows(NotFoundException.class,
                    () -> api.client().webhooks().sendTest("wh_x")).code());
            assertThrows(IllegalArgumentException.class, () -> api.client().webhooks().redeliver("wh_1", "../wh_2"));
            assertEquals(1, api.received.size());
        }
    }

    @Test
    void asyncCallsCompleteWithTheAnswerOrTheTypedError() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/webhooks/wh_1/test", json(202, delivery("whd_1", "pending")));
            api.on("GET", "/api/v1/webhooks/wh_x", error(404, "notFound"));

            assertEquals("whd_1", api.client().webhooks().sendTestAsync("wh_1").get().id());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> api.client().webhooks().getAsync("wh_x").get());
            assertInstanceOf(NotFoundException.class, failed.getCause());
        }
    }
}
