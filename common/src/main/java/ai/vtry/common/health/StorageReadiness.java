package ai.vtry.common.health;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import ai.vtry.common.storage.ObjectStorage;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness of the object store: the service's bucket answers a HEAD request with our credentials.
 * Enabled in the services that use S3 ({@code vtry.health.storage.enabled=true}, a build property).
 * The sync client blocks, so the request runs on a worker thread, never on the event loop.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "vtry.health.storage.enabled", stringValue = "true")
public class StorageReadiness implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ObjectStorage storage;

    public StorageReadiness(ObjectStorage storage) {
        this.storage = storage;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(() -> {
                    storage.checkBucket();
                    return HealthCheckResponse.named("Object storage").up().withData("bucket", storage.bucket()).build();
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("Object storage").down()
                        .withData("bucket", storage.bucket())
                        .withData("error", String.valueOf(failure.getMessage()))
                        .build());
    }
}
