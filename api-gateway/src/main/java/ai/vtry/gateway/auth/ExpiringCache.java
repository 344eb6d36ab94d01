package ai.vtry.gateway.auth;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A per-instance cache whose entries live a fixed time after they were put. Deliberately small:
 * when it is full, expired entries are dropped, and if that is not enough, everything.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;

    ExpiringCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    ExpiringCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The value if it was put less than the TTL ago, else null. */
    V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (expired(entry, nanoClock.getAsLong())) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    void put(K key, V value) {
        long now = nanoClock.getAsLong();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> expired(e, now));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, now + ttlNanos));
    }

    void removeIf(Predicate<V> predicate) {
        entries.values().removeIf(e -> predicate.test(e.value()));
    }

    int size() {
        return entries.size();
    }

    private static boolean expired(Entry<?> entry, long now) {
        return now - entry.expiresAtNanos() >= 0;
    }
}
