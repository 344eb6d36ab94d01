package ai.vtry.common.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.testcontainers.containers.GenericContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real S3-compatible store (S3Proxy) for a service's @QuarkusTest. */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    private GenericContainer<?> container;

    @Override
    public Map<String, String> start() {
        String endpoint = Infra.external("S3_ENDPOINT");
        String accessKey = Infra.external("S3_ACCESS_KEY");
        String secretKey = Infra.external("S3_SECRET_KEY");
        String bucket = Infra.external("S3_BUCKET");
        if (endpoint == null) {
            Infra.requireDocker("S3 store", "VTRY_TEST_S3_ENDPOINT");
            container = new GenericContainer<>("andrewgaul/s3proxy:sha-4976e17")
                    .withEnv("S3PROXY_AUTHORIZATION", "none")
                    .withExposedPorts(80);
            container.start();
            endpoint = "http://" + container.getHost() + ":" + container.getMappedPort(80);
            accessKey = "vtry";
            secretKey = "vtrysecret";
            bucket = "vtry";
            createBucket(endpoint, bucket);
        }
        return Map.of(
                "quarkus.s3.endpoint-override", endpoint,
                "quarkus.s3.aws.region", "us-east-1",
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", accessKey,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", secretKey,
                "vtry.storage.bucket", bucket);
    }

    private static void createBucket(String endpoint, String bucket) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the test bucket", e);
        }
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
