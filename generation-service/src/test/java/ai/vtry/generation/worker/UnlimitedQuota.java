package ai.vtry.generation.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;

/**
 * The provider quota of the worker's unit tests, without Redis: every job may submit at once. It
 * records the pauses asked for. WorkerProcessIT runs the real one, shared by two instances.
 */
@Vetoed // not a bean: it would inherit ProviderQuota's start-up observer and stand beside it
final class UnlimitedQuota extends ProviderQuota {

    final List<Duration> pauses = new CopyOnWriteArrayList<>();

    UnlimitedQuota(MeterRegistry registry) {
        super(null, TestWorkerConfig.fast(3, Duration.ZERO, Duration.ZERO, Duration.ZERO), registry);
    }

    @Override
    public Uni<Duration> take(String provider, String jobId, Duration lease) {
        return Uni.createFrom().item(Duration.ZERO);
    }

    @Override
    public Uni<Void> claim(String provider, String jobId, Duration lease) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> release(String provider, String jobId) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> pause(String provider, Duration wait) {
        pauses.add(wait);
        return Uni.createFrom().voidItem();
    }
}
