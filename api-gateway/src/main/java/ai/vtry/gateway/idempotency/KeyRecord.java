package ai.vtry.gateway.idempotency;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * What Redis holds for a key: claimed by a request not answered yet, or its answer ({@code status},
 * the headers a replay needs, the body) with the {@code fingerprint} of the request that got it.
 */
record KeyRecord(boolean answered, String fingerprint, int status, Map<String, String> headers, Buffer body) {

    static KeyRecord claimed() {
        return new KeyRecord(false, null, 0, Map.of(), null);
    }

    static KeyRecord answer(String fingerprint, int status, Map<String, String> headers, Buffer body) {
        return new KeyRecord(true, fingerprint, status, headers, body);
    }

    String toJson() {
        JsonObject json = new JsonObject().put("answered", answered);
        if (answered) {
            json.put("fingerprint", fingerprint).put("status", status).put("headers", new JsonObject(Map.copyOf(headers)))
                    .put("body", Base64.getEncoder().encodeToString(body.getBytes()));
        }
        return json.encode();
    }

    static KeyRecord fromJson(String text) {
        JsonObject json = new JsonObject(text);
        if (!json.getBoolean("answered", false)) {
            return claimed();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        json.getJsonObject("headers", new JsonObject()).forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
        return answer(json.getString("fingerprint"), json.getInteger("status"), headers,
                Buffer.buffer(Base64.getDecoder().decode(json.getString("body", ""))));
    }
}
