package ai.vtry.gateway.auth;

import java.time.Duration;

import ai.vtry.gateway.account.ApiKeyRepository;
import ai.vtry.gateway.account.Principal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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

    /** The principal of an active key, or null if the key is malformed, unknown or revoked. */
    public Future<Principal> authenticate(String key) {
        String lookupPrefix = ApiKeys.lookupPrefix(key);
        if (lookupPrefix == null) {
            return Future.succeededFuture();
        }
        String hash = ApiKeys.hash(key);
        Principal cached = cache.get(hash);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        Promise<Principal> found = Promise.promise();
        keys.findActiveByPrefix(lookupPrefix).map(candidates -> {
            for (var candidate : candidates) {
                if (ApiKeys.sameHash(hash, candidate.keyHash())) {
                    Principal principal = Principal.of(candidate.account());
                    cache.put(hash, principal);
                    return principal;
                }
            }
            return (Principal) null;
        }).subscribe().with(found::complete, found::fail);
        return found.future();
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
