package ai.vtry.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import ai.vtry.common.error.ApiException;

class AdminGuardTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AdminGuard guard = new AdminGuard(Optional.of("s3cret"), 3, Duration.ofMinutes(1), now::get);

    @Test
    void anAddressPastItsWrongGuessesWaitsUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, refused("guess-" + i, "10.0.0.1").status());
            now.addAndGet(10_000);
        }
        ApiException locked = refused("s3cret", "10.0.0.1"); // even the right token waits: no oracle
        assertEquals(429, locked.status());
        assertEquals("tooManyAttempts", locked.code());
        assertEquals(Map.of("retryAfterSeconds", 30L), locked.details());
        assertDoesNotThrow(() -> guard.check("s3cret", "10.0.0.2"), "another address is not affected");

        now.addAndGet(30_000); // the first guess left the window
        assertDoesNotThrow(() -> guard.check("s3cret", "10.0.0.1"));
        assertEquals(401, refused("again", "10.0.0.1").status());
        assertEquals(429, refused("and-again", "10.0.0.1").status());
    }

    @Test
    void theRightTokenNeverCounts() {
        for (int i = 0; i < 10; i++) {
            assertDoesNotThrow(() -> guard.check("s3cret", "10.0.0.3"));
        }
        assertEquals(401, refused(null, "10.0.0.3").status());
    }

    @Test
    void withoutATokenThereIsNoAdminApi() {
        AdminGuard off = new AdminGuard(Optional.empty(), 3, Duration.ofMinutes(1), now::get);
        assertEquals(404, assertThrows(ApiException.class, () -> off.check("anything", "10.0.0.1")).status());
    }

    private ApiException refused(String token, String client) {
        return assertThrows(ApiException.class, () -> guard.check(token, client));
    }
}
