package ai.vtry.client;

import static ai.vtry.client.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class AccountTest {

    private static final String ME = "{\"user\":{\"id\":\"usr_1\",\"email\":\"a@b.c\"},\"subscription\":{\"planId\":\"free\"},"
            + "\"workspace\":{\"ownerId\":\"usr_1\",\"isWorkspaceOwner\":true},\"limits\":{},"
            + "\"concurrency\":{\"limit\":3,\"active\":0,\"remaining\":3}}";

    @Test
    void aRotatedKeyIsReturnedAndSentFromThenOn() throws IOException {
        try (FakeApi api = new FakeApi()) {
            String newKey = "vtry_" + "N".repeat(43);
            api.on("POST", "/api/v1/me/api-key/rotate", json(200, "{\"apiKey\":\"" + newKey + "\"}"));
            api.on("GET", "/api/v1/me", json(200, ME));
            Vtry vtry = api.client();

            assertEquals(newKey, vtry.me().rotateKey());
            vtry.me().get();

            FakeApi.Received rotation = api.received("POST", "/api/v1/me/api-key/rotate").get(0);
            assertEquals("Bearer vtry_test", rotation.header("Authorization"));
            assertNotNull(rotation.header("Idempotency-Key"));
            assertEquals("Bearer " + newKey, api.received("GET", "/api/v1/me").get(0).header("Authorization"));
        }
    }
}
