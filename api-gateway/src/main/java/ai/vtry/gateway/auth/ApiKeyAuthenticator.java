package ai.vtry.gateway.auth;

import java.time.Duration;

import ai.vtry.gateway.account.ApiKeyRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves an API key to its principal. Successful lookups are cached per instance for one second:
 * enough to spare the database under load, short enough that a rotated or revoked key stops working
 * within a second on every instance. Failed lookups are not cached.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    static final Duration CACHE_TTL = Duration.ofSeconds(1);

    private final ApiKeyRepository keys;
    // Keyed by the key's SHA-256, so the cache never holds a key in clear.
    private final ExpiringCache<String, Principal> cache = new ExpiringCache<>(CACHE_TTL, 50_000);

    public ApiKeyAuthenticator(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** The principal of an active key, or a null item if the key is malformed, unknown or revoked. */
    public Uni<Principal> authenticate(String key) {
        String lookupPrefix = ApiKeys.lookupPrefix(key);
        if (lookupPrefix == null) {
            return Uni.createFrom().nullItem();
        }
        String hash = ApiKeys.hash(key);
        Principal cached = cache.get(hash);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return keys.findActiveByPrefix(lookupPrefix).map(candidates -> {
            for (var candidate : candidates) {
                if (ApiKeys.sameHash(hash, candidate.keyHash())) {
                    Principal principal = Principal.of(candidate.account());
                    cache.put(hash, principal);
                    return principal;
                }
            }
            return null;
        });
    }

    /**
     * The principal of {@code key} if this instance looked it up successfully less than
     * {@link #CACHE_TTL} ago; null otherwise (also for null or malformed keys). Never a database call.
     */
    public Principal cached(String key) {
        return ApiKeys.isWellFormed(key) ? cache.get(ApiKeys.hash(key)) : null;
    }

    /** Drops this instance's cached principals of a workspace after its keys or plan changed. */
    public void forgetWorkspace(String workspaceId) {
        cache.removeIf(principal -> principal.workspaceId().equals(workspaceId));
    }
}
