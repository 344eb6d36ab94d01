package ai.vtry.gateway.auth;

import ai.vtry.common.logging.LogContext;
import ai.vtry.gateway.limit.RateLimitResponses;
import ai.vtry.gateway.limit.RateLimiter;
import ai.vtry.gateway.limit.Verdict;
import ai.vtry.gateway.proxy.ClientAddresses;
import ai.vtry.gateway.proxy.ErrorResponses;
import io.quarkus.logging.Log;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates every {@code /api/v1/*} request by its API key ({@code Authorization: Bearer} or
 * {@code x-api-key}) and leaves the {@link Principal} in the routing context for the next handlers.
 * Every failure counts against the client address's failed-authentication limit: 401 within it, 429
 * past it (a valid key from the same address is still served). From here on the
 * request's log lines name its workspace ({@code workspaceId} in the MDC).
 */
@ApplicationScoped
public class ApiKeyAuthHandler implements Handler<RoutingContext> {

    private final ApiKeyAuthenticator authenticator;
    private final RateLimiter limiter;
    private final ClientAddresses clients;

    public ApiKeyAuthHandler(ApiKeyAuthenticator authenticator, RateLimiter limiter, ClientAddresses clients) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (Principal.of(ctx) != null) {
            ctx.next(); // a known key, authenticated from the key cache with its limits (ClientLimitHandler)
            return;
        }
        // Hold the body while the key is looked up; the next handler decides what to do with it.
        ctx.request().pause();
        String key = presentedKey(ctx.request());
        if (key == null || key.isBlank()) {
            unauthorized(ctx, "missingApiKey", "An API key is required: send Authorization: Bearer <key> or x-api-key");
            return;
        }
        if (!ApiKeys.isWellFormed(key)) {
            unauthorized(ctx, "invalidApiKey", "The API key is not valid");
            return;
        }
        authenticator.authenticate(key).subscribe().with(principal -> {
            if (principal == null) {
                unauthorized(ctx, "invalidApiKey", "The API key is not valid");
            } else {
                authenticated(ctx, principal);
                ctx.next();
            }
        }, failure -> {
            Log.errorf(failure, "API key lookup failed for %s %s", ctx.request().method(), ctx.normalizedPath());
            ErrorResponses.send(ctx, 500, "internalError", "Internal server error");
        });
    }

    /** The request is {@code principal}'s: for the handlers after this one, and in its log lines. */
    public static void authenticated(RoutingContext ctx, Principal principal) {
        ctx.put(Principal.CONTEXT_KEY, principal);
        LogContext.put(LogContext.WORKSPACE_ID, principal.workspaceId());
    }

    /** The Bearer credential if there is an Authorization header, else x-api-key; null if neither. */
    public static String presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            if (space > 0 && authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
                return authorization.substring(space + 1).trim();
            }
            if (request.getHeader("x-api-key") == null) {
                return authorization; // another scheme: not a key we accept, rejected as invalid
            }
        }
        String header = request.getHeader("x-api-key");
        return header == null ? null : header.trim();
    }

    private void unauthorized(RoutingContext ctx, String code, String message) {
        limiter.recordFailedAuth(clients.of(ctx)).onComplete(recorded -> {
            if (recorded.succeeded()) {
                Verdict verdict = recorded.result().verdict();
                RateLimitResponses.putHeaders(ctx, verdict);
                if (!verdict.admitted()) {
                    RateLimitResponses.reject(ctx, verdict, limiter.windowMillis(), limiter.concurrencyRetryAfterMillis());
                    return;
                }
            }
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ErrorResponses.send(ctx, 401, code, message);
        });
    }
}
