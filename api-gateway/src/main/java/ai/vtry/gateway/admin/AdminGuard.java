package ai.vtry.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import ai.vtry.common.error.ApiException;
import ai.vtry.gateway.config.AdminConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Admits a request to the admin API only with the configured admin token. API keys never count
 * here. Without a configured token the admin API does not exist (404). An address that sends
 * {@code max-guesses} wrong tokens within {@code guess-window} waits until the oldest leaves the
 * window (429), so the token cannot be guessed at network speed. Counted in memory: the admin port
 * is reached by operators of this instance only, and a restart forgetting the count costs a guesser
 * a restart of ours.
 */
@ApplicationScoped
public class AdminGuard {

    private final Optional<String> token;
    private final int maxGuesses;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> wrongGuesses = new ConcurrentHashMap<>();

    @Inject
    public AdminGuard(AdminConfig config) {
        this(config.token(), config.maxGuesses(), config.guessWindow(), System::currentTimeMillis);
    }

    AdminGuard(Optional<String> token, int maxGuesses, Duration window, LongSupplier clock) {
        this.token = token;
        this.maxGuesses = maxGuesses;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /**
     * Passes the right token; throws 404 without a configured token, 429 {@code tooManyAttempts}
     * while {@code client} is past its wrong guesses, 401 for a wrong or missing token (counted).
     */
    public void check(String presented, String client) {
        if (token.isEmpty()) {
            throw new ApiException(404, "notFound", "No such endpoint or resource");
        }
        long now = clock.getAsLong();
        Deque<Long> guesses = wrongGuesses.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (guesses) {
            while (!guesses.isEmpty() && guesses.peekFirst() <= now - windowMillis) {
                guesses.pollFirst();
            }
            if (guesses.size() >= maxGuesses) {
                long seconds = Math.max(1, (guesses.peekFirst() + windowMillis - now + 999) / 1000);
                throw new ApiException(429, "tooManyAttempts", "Too many wrong admin tokens from this address",
                        Map.of("retryAfterSeconds", seconds));
            }
            if (presented == null || !sameSecret(presented, token.get())) {
                guesses.addLast(now);
                throw new ApiException(401, "invalidAdminToken", "A valid X-Admin-Token header is required");
            }
            if (guesses.isEmpty()) {
                wrongGuesses.remove(client, guesses);
            }
        }
    }

    /** Constant-time; hashing first also hides the token's length. */
    private static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
