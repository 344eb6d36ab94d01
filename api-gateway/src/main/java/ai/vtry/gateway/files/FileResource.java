package ai.vtry.gateway.files;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.common.storage.ObjectStorage;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Signed download links: {@code /files/{key}?expires=..&signature=..}. No API key, the link is the
 * credential; the object is streamed from storage, never held in memory.
 */
@Path("/files")
public class FileResource {

    private final SignedLinks links;
    private final ObjectStorage storage;

    public FileResource(SignedLinks links, ObjectStorage storage) {
        this.links = links;
        this.storage = storage;
    }

    @GET
    @Path("{key: .+}")
    @RunOnVirtualThread // the S3 client blocks
    public Response download(@PathParam("key") String key, @QueryParam("expires") String expires,
            @QueryParam("signature") String signature) {
        if (!links.verify(key, parseExpires(expires), signature)) {
            throw ApiException.forbidden("invalidSignature", "The link is invalid or has expired");
        }
        ResponseInputStream<GetObjectResponse> object = storage.open(key);
        if (object == null) {
            throw ApiException.notFound("File", key);
        }
        GetObjectResponse meta = object.response();
        StreamingOutput body = out -> {
            try (object) {
                object.transferTo(out);
            }
        };
        return Response.ok(body)
                .type(meta.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM : meta.contentType())
                .header("Content-Length", meta.contentLength())
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }

    /** Epoch seconds, or -1 (already expired) if absent or not a number. */
    private static long parseExpires(String expires) {
        if (expires == null || !expires.matches("\\d{1,18}")) {
            return -1;
        }
        return Long.parseLong(expires);
    }
}
