package ai.vtry.generation.provider.fal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.remote.CallBudget;
import ai.vtry.generation.provider.remote.ProviderFailure;
import ai.vtry.generation.provider.remote.ProviderFailures;
import ai.vtry.generation.provider.remote.RemoteHttp;
import io.smallrye.mutiny.Uni;

/**
 * Puts one input image on fal's storage, because {@code image_urls} must be reachable by fal and
 * our bucket's links are not handed to providers: initiate (with our key), then PUT the bytes to
 * the signed {@code upload_url} (without it), and pass on the {@code file_url}.
 */
final class FalStorageUpload {

    private final RemoteHttp http;
    private final FalJson json;
    private final FalErrors errors;
    private final String initiateUrl;
    private final String key;

    FalStorageUpload(RemoteHttp http, FalJson json, FalErrors errors, String storageUrl, String key) {
        this.http = http;
        this.json = json;
        this.errors = errors;
        this.initiateUrl = FalJson.trimSlash(storageUrl) + "/storage/upload/initiate?storage_type=fal-cdn-v3";
        this.key = key;
    }

    /** The fal URL of the uploaded image; {@code index} only names the file. */
    Uni<String> upload(byte[] image, int index, CallBudget budget) {
        ImageFormat detected = ImageFormat.fromSignature(image, image.length);
        ImageFormat format = detected == null ? ImageFormat.JPEG : detected;
        Map<String, Object> initiate = new LinkedHashMap<>();
        initiate.put("content_type", format.contentType());
        initiate.put("file_name", "input-" + (index + 1) + "." + format.extension());
        return Uni.createFrom().deferred(() -> http.send(HttpRequest.newBuilder(URI.create(initiateUrl))
                        .header("Authorization", "Key " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.write(initiate))), budget.next()))
                .map(errors::check)
                .map(response -> json.read(response.body()))
                .chain(target -> put(target, image, format, budget));
    }

    private Uni<String> put(JsonNode target, byte[] image, ImageFormat format, CallBudget budget) {
        String uploadUrl = target.path("upload_url").asText("");
        String fileUrl = target.path("file_url").asText("");
        if (uploadUrl.isEmpty() || fileUrl.isEmpty()) {
            throw new ProviderFailure(ProviderFailures.unavailable("fal storage gave no upload URL"));
        }
        return http.send(HttpRequest.newBuilder(URI.create(uploadUrl))
                        .header("Content-Type", format.contentType())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(image)), budget.next())
                .map(errors::check)
                .replaceWith(fileUrl);
    }
}
