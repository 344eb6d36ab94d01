package ai.vtry.common.storage;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The object store as the services use it: one bucket, keys that start with the owner's prefix
 * and the workspace id. Blocking (the url-connection client): call it off the event loop, e.g.
 * {@code vertx.executeBlocking(Uni.createFrom().item(() -> storage.put(...)))}.
 */
@ApplicationScoped
public class ObjectStorage {

    @ConfigMapping(prefix = "vtry.storage")
    public interface Config {
        @WithDefault("vtry")
        String bucket();
    }

    private final S3Client s3;
    private final String bucket;

    public ObjectStorage(S3Client s3, Config config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    /** Uploads a file that is already on disk (multipart parts are), without reading it into memory. */
    public void put(String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /** Reads a whole object: only for images a worker decodes anyway. */
    public byte[] read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** Opens an object for streaming; null if it does not exist. The caller closes the stream. */
    public ResponseInputStream<GetObjectResponse> open(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    public void copy(String fromKey, String toKey) {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket).destinationKey(toKey));
    }

    /** Deletes objects; keys that do not exist are ignored. */
    public void delete(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** The bucket this service uses. */
    public String bucket() {
        return bucket;
    }

    /** Throws unless the bucket exists and the credentials may use it (readiness). */
    public void checkBucket() {
        s3.headBucket(b -> b.bucket(bucket));
    }
}
