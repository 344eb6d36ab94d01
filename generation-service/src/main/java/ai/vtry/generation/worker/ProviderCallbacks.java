package ai.vtry.generation.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.vtry.common.event.Channels;
import ai.vtry.generation.provider.ImageProvider;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Callbacks of a provider that pushes (fal's webhooks). The gateway verifies each one and publishes
 * the provider's request id on the Redis channel {@link Channels#providerCallbacks}; every
 * instance hears it, and the one following that request polls at once instead of waiting out its
 * slow safety-net interval. A callback is only a hint, the poll decides: one that is lost or forged
 * costs an interval at most, never a wrong result.
 */
@ApplicationScoped
public class ProviderCallbacks {

    /** A callback heard before its request's poll waits for it is kept this long. */
    private static final long EARLY_MILLIS = Duration.ofMinutes(10).toMillis();

    private final ReactiveRedisDataSource redis;
    private final Map<String, Runnable> waiting = new ConcurrentHashMap<>();
    private final Map<String, Long> early = new ConcurrentHashMap<>();

    public ProviderCallbacks(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Listens for the selected provider's callbacks, if it makes any; resubscribes after a Redis outage. */
    void listen(@Observes StartupEvent event, ImageProvider provider) {
        if (!provider.callsBack()) {
            return;
        }
        String channel = Channels.providerCallbacks(provider.name());
        redis.pubsub(String.class).subscribe(channel)
                .onFailure().invoke(failure -> Log.warnf("Listening for %s callbacks failed, polling meanwhile: %s",
                        provider.name(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(this::heard);
        Log.infof("Listening for %s callbacks on the Redis channel %s", provider.name(), channel);
    }

    /** Completes after {@code max}, or as soon as the callback naming {@code id} arrives (or already has). */
    public Uni<Void> await(String id, Duration max) {
        return Uni.createFrom().<Void>emitter(emitter -> {
            waiting.put(id, () -> emitter.complete(null));
            if (early.remove(id) != null) { // heard while this request was being polled
                emitter.complete(null);
            }
        }).ifNoItem().after(max).recoverWithItem((Void) null)
                .onTermination().invoke(() -> waiting.remove(id));
    }

    /** Wakes whichever instance follows request {@code id} as a callback would, e.g. after a cancel. */
    public Uni<Void> wake(String provider, String id) {
        return redis.pubsub(String.class).publish(Channels.providerCallbacks(provider), id);
    }

    void heard(String id) {
        Runnable wake = waiting.remove(id);
        if (wake != null) {
            wake.run();
            return;
        }
        long now = System.currentTimeMillis();
        early.put(id, now);
        early.values().removeIf(at -> now - at > EARLY_MILLIS);
    }
}
