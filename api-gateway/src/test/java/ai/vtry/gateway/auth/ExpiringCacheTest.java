package ai.vtry.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void anEntryLivesExactlyItsTtl() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(1), 10, now::get);
        cache.put("k", "v");
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertEquals("v", cache.get("k"));
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertNull(cache.get("k"));
        assertEquals(0, cache.size());
    }

    @Test
    void aFullCacheDropsExpiredEntriesFirstThenEverything() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(1), 2, now::get);
        cache.put("old", "1");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.put("a", "2");
        cache.put("b", "3");
        assertNull(cache.get("old"));
        assertEquals("2", cache.get("a"));
        cache.put("c", "4");
        assertEquals(1, cache.size());
        assertEquals("4", cache.get("c"));
    }

    @Test
    void removeIfDropsMatchingValues() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(1), 10, now::get);
        cache.put("a", "ws_1");
        cache.put("b", "ws_2");
        cache.removeIf("ws_1"::equals);
        assertNull(cache.get("a"));
        assertEquals("ws_2", cache.get("b"));
    }
}
