package ai.vtry.gateway.webhooks;

import java.io.IOException;
import java.io.InputStream;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.event.Channels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /webhooks/fal}: fal calls it when a request submitted with {@code fal_webhook} ends.
 * No API key: fal's Ed25519 signature is the credential ({@link FalSignatures}). A verified
 * callback is published on Redis ({@link Channels#providerCallbacks}), where the worker following
 * that request hears it and polls at once; the callback's own payload is not used, the poll decides.
 */
@Path("/webhooks/fal")
public class FalWebhookResource {

    /** fal's payload names a request and its image URLs: far below this. */
    static final int MAX_BODY = 1024 * 1024;

    private final FalSignatures signatures;
    private final RedisDataSource redis;

    public FalWebhookResource(FalSignatures signatures, RedisDataSource redis) {
        this.signatures = signatures;
        this.redis = redis;
    }

    @POST
    @RunOnVirtualThread // fetching fal's keys and publishing to Redis block
    public Response receive(@HeaderParam("X-Fal-Webhook-Request-Id") String requestId,
            @HeaderParam("X-Fal-Webhook-User-Id") String userId, @HeaderParam("X-Fal-Webhook-Timestamp") String timestamp,
            @HeaderParam("X-Fal-Webhook-Signature") String signature, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, "payloadTooLarge", "A webhook body is at most " + MAX_BODY + " bytes");
        }
        if (!signatures.verify(requestId, userId, timestamp, signature, bytes)) {
            throw new ApiException(401, "invalidSignature", "The webhook's fal signature is missing, invalid or too old");
        }
        redis.pubsub(String.class).publish(Channels.providerCallbacks("fal"), requestId);
        return Response.noContent().build();
    }
}
