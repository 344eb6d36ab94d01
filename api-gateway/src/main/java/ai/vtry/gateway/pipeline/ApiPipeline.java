package ai.vtry.gateway.pipeline;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.logging.LogContext;
import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.auth.ApiKeyAuthenticator;
import ai.vtry.gateway.auth.ApiKeys;
import ai.vtry.gateway.auth.PresentedKey;
import ai.vtry.gateway.http.CanonicalPaths;
import ai.vtry.gateway.http.ClientAddresses;
import ai.vtry.gateway.http.ContentTypes;
import ai.vtry.gateway.http.ErrorResponses;
import ai.vtry.gateway.http.ExchangeListener;
import ai.vtry.gateway.http.RequestIds;
import ai.vtry.gateway.idempotency.Idempotency;
import ai.vtry.gateway.idempotency.IdempotencyKeys;
import ai.vtry.gateway.idempotency.KeyRefusal;
import ai.vtry.gateway.limit.Category;
import ai.vtry.gateway.limit.GenerationSlot;
import ai.vtry.gateway.limit.RateLimitResponses;
import ai.vtry.gateway.limit.RateLimiter;
import ai.vtry.gateway.proxy.Forwarder;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every {@code /api/v1/*} request, top to bottom: a request id; a canonical path, a valid
 * Content-Type and Idempotency-Key (answered 400 before anything is counted); admission (the
 * client address's limit, the API key, for a POST or DELETE with an Idempotency-Key its step
 * ({@link Idempotency}: run once, or replay the kept answer), the account's limit and, for a
 * generation, a slot); then forward to the service that owns the path, or on to the gateway's own {@code /api/v1/me}. Each step
 * passes the request on or refuses it ({@link Refusal}), answered in one place. The body stays
 * paused until the request is admitted, so a refused upload is never read.
 *
 * <p>Admission takes one Redis round trip for a key this instance looked up within the last second
 * (its key cache knows the account): the address's and the account's limits are decided in one
 * script, with the same outcome as two decisions. Any other key takes two: the address first (so
 * preauth is counted before the key is looked up and a wrong key counts as a failed authentication),
 * then the account. Each round trip costs gateway CPU, and under load most requests carry a known key.
 *
 * <p>Routed before Quarkus' own security (-200) and body-size (-2) routes: the gateway authenticates
 * by itself and streams bodies instead of buffering them.
 */
@ApplicationScoped
public class ApiPipeline {

    static final String API = "/api/v1/*";
    static final String ME = "/api/v1/me";
    private static final String PRINCIPAL = "vtry.principal";

    private final ClientAddresses clients;
    private final ApiKeyAuthenticator authenticator;
    private final RateLimiter limiter;
    private final Idempotency idempotency;
    private final Forwarder forwarder;

    public ApiPipeline(ClientAddresses clients, ApiKeyAuthenticator authenticator, RateLimiter limiter,
            Idempotency idempotency, Forwarder forwarder) {
        this.clients = clients;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.idempotency = idempotency;
        this.forwarder = forwarder;
    }

    void route(@Observes Router router) {
        router.route(API).order(-1_000).handler(this::handle);
    }

    /**
     * The principal of a request the pipeline admitted, for the gateway's own resources; a request
     * that reached one without passing the pipeline is answered as unauthenticated.
     */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) {
            throw new ApiException(401, "missingApiKey", "An API key is required");
        }
        return principal;
    }

    void handle(RoutingContext ctx) {
        RequestIds.assign(ctx);
        if (!CanonicalPaths.accept(ctx) || !ContentTypes.accept(ctx) || !IdempotencyKeys.accept(ctx)) {
            return;
        }
        HttpServerRequest in = ctx.request();
        in.pause();
        String path = ctx.normalizedPath();
        Request request = new Request(clients.of(ctx), PresentedKey.of(in), Category.of(in.method(), path),
                Category.takesGenerationSlot(in.method(), path));
        String idempotencyKey = IdempotencyKeys.of(in);
        (idempotencyKey == null ? admit(ctx, request) : admitOnce(ctx, request, idempotencyKey))
                .onSuccess(admitted -> {
                    if (admitted != null) { // null: a kept answer was replayed, nothing more to do
                        proceed(ctx, request, admitted);
                    }
                })
                .onFailure(e -> refuse(ctx, e));
    }

    /** What admission looks at: who sends it, with which key, and what it costs. */
    private record Request(String client, String key, Category category, boolean takesSlot) {
    }

    /**
     * Who the request is for, the decision that admitted it (holding its generation slot, if any) and,
     * for a request with an Idempotency-Key, what keeps its answer.
     */
    private record Admitted(Principal principal, RateLimiter.Decision decision, ExchangeListener recorder) {
        Admitted keeping(ExchangeListener answerRecorder) {
            return new Admitted(principal, decision, answerRecorder);
        }
    }

    private Future<Admitted> admit(RoutingContext ctx, Request request) {
        Principal known = limiter.decidesInOneRoundTrip() ? authenticator.cached(request.key()) : null;
        if (known != null) {
            return limiter.admitClientAndAccount(request.client(), known, request.category(), request.takesSlot())
                    .map(decision -> admitted(ctx, known, decision));
        }
        return limiter.admitClient(request.client())
                .map(decision -> admitted(ctx, null, decision))
                .compose(ignored -> authenticate(ctx, request))
                .compose(principal -> limiter.admitAccount(principal, request.category(), request.takesSlot())
                        .map(decision -> admitted(ctx, principal, decision)));
    }

    /**
     * A request with an Idempotency-Key: the key is decided between authentication and the account's
     * limits, so a replay, or a repeat refused for its key, costs the account nothing (no count, no
     * generation slot); only the address's limit counts it. A first request then passes the account's
     * limits like any other, and a refusal there frees its key.
     */
    private Future<Admitted> admitOnce(RoutingContext ctx, Request request, String idempotencyKey) {
        return limiter.admitClient(request.client())
                .map(decision -> admitted(ctx, null, decision))
                .compose(ignored -> authenticate(ctx, request))
                .compose(principal -> idempotency.begin(ctx, principal.workspaceId(), idempotencyKey)
                        .compose(recorder -> recorder == null ? Future.succeededFuture(null)
                                : limiter.admitAccount(principal, request.category(), request.takesSlot())
                                        .map(decision -> admitted(ctx, principal, decision).keeping(recorder))
                                        // Refused before it reached a service: nothing to keep, the key is free again.
                                        .onFailure(e -> recorder.unanswered(false))));
    }

    /** Puts the decision's RateLimit headers; passes it on if it admitted, refuses with 429 if not. */
    private static Admitted admitted(RoutingContext ctx, Principal principal, RateLimiter.Decision decision) {
        RateLimitResponses.putHeaders(ctx, decision.verdict());
        if (principal != null && !decision.verdict().window().category().perClient()) {
            // The address admitted it: from here on the request is the key's (logs name its workspace).
            LogContext.put(LogContext.WORKSPACE_ID, principal.workspaceId());
        }
        if (!decision.verdict().admitted()) {
            throw new Refusal.Limited(decision.verdict());
        }
        return new Admitted(principal, decision, null);
    }

    /**
     * The key's principal. A missing or wrong key counts as a failed authentication of the address:
     * 401, or 429 once the address is past its limit of them (only wrong keys wait; a valid key is
     * never refused for what others sent from its address).
     */
    private Future<Principal> authenticate(RoutingContext ctx, Request request) {
        String key = request.key();
        if (key == null || key.isBlank()) {
            return failedAuthentication(ctx, request, "missingApiKey",
                    "An API key is required: send Authorization: Bearer <key> or x-api-key");
        }
        if (!ApiKeys.isWellFormed(key)) {
            return failedAuthentication(ctx, request, "invalidApiKey", "The API key is not valid");
        }
        return authenticator.authenticate(key).compose(principal -> principal != null
                ? Future.succeededFuture(principal)
                : failedAuthentication(ctx, request, "invalidApiKey", "The API key is not valid"));
    }

    private Future<Principal> failedAuthentication(RoutingContext ctx, Request request, String code, String message) {
        return limiter.recordFailedAuth(request.client()).compose(decision -> {
            RateLimitResponses.putHeaders(ctx, decision.verdict());
            return Future.failedFuture(decision.verdict().admitted()
                    ? new Refusal.Unauthenticated(code, message)
                    : new Refusal.Limited(decision.verdict()));
        });
    }

    private void proceed(RoutingContext ctx, Request request, Admitted admitted) {
        ctx.put(PRINCIPAL, admitted.principal());
        String path = ctx.normalizedPath();
        if (path.equals(ME) || path.startsWith(ME + "/")) {
            if (admitted.recorder() != null) {
                // Nothing to keep (the new key of a rotation is never stored): the key is freed once the
                // answer is sent. Until then a retry waits; after it, the old key no longer authenticates.
                ExchangeListener recorder = admitted.recorder();
                ctx.addEndHandler(ended -> recorder.unanswered(false));
            }
            ctx.request().resume(); // the gateway's own resource; it reads no body
            ctx.next();
            return;
        }
        // A generation's slot learns its job id from the upstream's answer (or is freed without one).
        ExchangeListener slot = request.takesSlot()
                ? new GenerationSlot(limiter, admitted.decision(), RequestIds.of(ctx))
                : null;
        forwarder.forward(ctx, admitted.principal(), ExchangeListener.both(admitted.recorder(), slot));
    }

    private void refuse(RoutingContext ctx, Throwable e) {
        if (e instanceof Refusal refusal) {
            refusal.answer(ctx, limiter);
            return;
        }
        if (e instanceof KeyRefusal refusal) {
            refusal.answer(ctx);
            return;
        }
        Log.errorf(e, "Admission failed for %s %s [%s]", ctx.request().method(), ctx.normalizedPath(), RequestIds.of(ctx));
        ErrorResponses.send(ctx, 500, "internalError", "Internal server error");
    }
}
