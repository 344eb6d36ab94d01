package ai.vtry.gateway.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import ai.vtry.common.tracing.TracingConfig;
import ai.vtry.gateway.account.Principal;
import ai.vtry.gateway.auth.InternalTokens;
import ai.vtry.gateway.config.ProxyConfig;
import ai.vtry.gateway.http.ClientAddresses;
import ai.vtry.gateway.http.ErrorResponses;
import ai.vtry.gateway.http.EventLoopLocal;
import ai.vtry.gateway.http.ExchangeListener;
import ai.vtry.gateway.http.RequestBodies;
import ai.vtry.gateway.http.RequestIds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Forwards an admitted {@code /api/v1/*} request to the service that owns its path, streaming the
 * body both ways (nothing is buffered, so a 40 MB upload costs no heap), with the internal token in
 * place of the API key. It knows nothing of keys or limits: the pipeline hands it the principal, and
 * an {@link ExchangeListener} when someone must learn how the exchange ended.
 */
@ApplicationScoped
public class Forwarder {

    /** Hop-by-hop headers (RFC 9110 7.6.1): they describe one connection, never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade");
    /**
     * The only client request headers passed on: what describes the body and the wanted answer. All
     * else is dropped, above all what a service could take for the gateway's word: Forwarded,
     * X-Forwarded-*, X-Real-IP, anything x-vtry-*. The gateway sets the credential (an internal
     * token instead of the key), X-Request-Id, X-Forwarded-For, and the trace context (its own
     * span, a child of the client's, written by the tracer).
     */
    private static final Set<String> PASSED_ON_REQUEST = Set.of("content-type", "content-length", "content-encoding",
            "accept", "accept-encoding", "accept-language", "user-agent", "if-match", "if-none-match",
            "if-modified-since", "if-unmodified-since", "cache-control", "last-event-id");

    /** Response headers only the gateway sets: it applies the limits, the services do not. */
    private static final Set<String> REPLACED_ON_RESPONSE = Set.of("x-request-id", "ratelimit-limit",
            "ratelimit-remaining", "ratelimit-reset");

    /** A client per event loop, so a request's upstream connection is on its own thread (see EventLoopLocal). */
    private final EventLoopLocal<HttpClient> clients;
    private final HttpClient shared;
    private final RouteTable routes;
    private final ClientAddresses addresses;
    private final InternalTokens tokens;
    private final long maxBodyBytes;
    private final long timeoutMillis;
    /** Writes the trace context when the client does not (no client span); null when it does. */
    private final TextMapPropagator propagator;

    public Forwarder(Vertx vertx, RouteTable routes, ClientAddresses addresses, InternalTokens tokens,
            ProxyConfig config, TracingConfig tracing, OpenTelemetry openTelemetry) {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis());
        if (!tracing.recording()) {
            // No span is recorded, so the client span would be made and dropped for every request (a
            // twentieth of the gateway's CPU): the request carries the server span's context instead.
            options.setTracingPolicy(TracingPolicy.IGNORE);
            this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        } else {
            this.propagator = null;
        }
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService());
        this.shared = vertx.createHttpClient(options, pool);
        this.clients = new EventLoopLocal<>(() -> vertx.createHttpClient(options, pool), () -> shared);
        this.routes = routes;
        this.addresses = addresses;
        this.tokens = tokens;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.timeoutMillis = config.timeout().toMillis();
    }

    @PreDestroy
    void close() {
        clients.all().forEach(HttpClient::close);
        shared.close();
    }

    /**
     * Sends the paused request on to its service and relays the answer; {@code listener} (or null)
     * learns how the exchange ended before the client does.
     */
    public void forward(RoutingContext ctx, Principal principal, ExchangeListener listener) {
        String path = ctx.normalizedPath();
        HttpServerRequest in = ctx.request();
        Optional<String> upstream = routes.upstreamFor(path);
        if (upstream.isEmpty()) {
            notifyUnanswered(listener, false);
            ErrorResponses.send(ctx, 404, "notFound", "No such endpoint: " + in.method() + " " + path);
            return;
        }
        if (RequestBodies.declaredLength(in) > maxBodyBytes) {
            notifyUnanswered(listener, false);
            ErrorResponses.send(ctx, 413, "payloadTooLarge", RequestBodies.tooLargeMessage(maxBodyBytes));
            return;
        }
        in.pause(); // paused since admission: read nothing until the upstream is connected
        String uri = upstream.get() + path + (in.query() == null ? "" : "?" + in.query());
        clients.get().request(new RequestOptions().setMethod(in.method()).setAbsoluteURI(uri))
                .onSuccess(out -> send(ctx, principal, listener, out, upstream.get()))
                .onFailure(e -> {
                    notifyUnanswered(listener, false);
                    upstreamFailed(ctx, upstream.get(), e);
                });
    }

    private void send(RoutingContext ctx, Principal principal, ExchangeListener listener, HttpClientRequest out,
            String upstream) {
        HttpServerRequest in = ctx.request();
        copyHeaders(in.headers(), out.headers(), PASSED_ON_REQUEST::contains);
        out.putHeader("Authorization", "Bearer " + tokens.tokenFor(principal));
        out.putHeader(RequestIds.HEADER, RequestIds.of(ctx));
        out.putHeader("X-Forwarded-For", addresses.forwardedFor(in));
        if (propagator != null) {
            propagator.inject(Context.current(), out.headers(), MultiMap::set);
        }
        if (RequestBodies.hasBody(in)) {
            if (in.getHeader("Content-Length") == null) {
                out.setChunked(true);
            }
            // A service may refuse a request with a body before it has read all of it (a form over its
            // limit); reused, that connection would answer the next request never, or be closed under
            // it (FuzzIT found both: a 504 a minute later, a 502 on an unrelated GET). A request with a
            // body therefore has its connection to itself; bodiless requests, most of them, share.
            out.putHeader("Connection", "close");
        }

        HttpServerResponse response = ctx.response();
        // The client went away: abandon the upstream exchange too, unless someone waits for its answer
        // (an Idempotency-Key's: the retry must find the answer, not run the request again) and the
        // request went out whole.
        boolean[] uploaded = {false};
        response.closeHandler(v -> {
            if (!response.ended() && (listener == null || !uploaded[0])) {
                out.reset();
            }
        });
        out.response()
                .onSuccess(upstreamResponse -> relay(ctx, upstreamResponse, listener))
                .onFailure(e -> {
                    notifyUnanswered(listener, true);
                    upstreamFailed(ctx, upstream, e);
                });
        if ("100-continue".equalsIgnoreCase(in.getHeader("Expect"))) {
            response.writeContinue(); // the gateway accepted the request; upstreams never see Expect
        }
        Future<Void> upload;
        if (RequestBodies.hasBody(in)) {
            upload = in.pipe().endOnFailure(false).to(listener == null ? out : new Tapped(out, listener));
        } else {
            // Nothing to stream (most requests): end the upstream request now, without a pipe.
            in.resume();
            upload = out.end();
            if (listener != null) {
                listener.requestEnded();
            }
        }
        upload.onComplete(sent -> {
            if (sent.failed()) {
                out.reset();
            } else if (!out.response().isComplete()) {
                uploaded[0] = true;
                // The timeout runs from the end of the upload: a slow client is not a slow upstream.
                out.idleTimeout(timeoutMillis);
            }
        });
    }

    private void relay(RoutingContext ctx, HttpClientResponse upstream, ExchangeListener listener) {
        int status = upstream.statusCode();
        if (listener != null) {
            // Only small JSON answers get a listener: buffering them is cheap.
            upstream.body()
                    .compose(body -> listener.answered(status, upstream.headers(), body).map(body))
                    .onSuccess(body -> {
                        if (!ctx.response().closed()) { // the client may have left; the listener has the answer
                            relayHead(ctx, upstream).end(body);
                        }
                    })
                    .onFailure(e -> {
                        Log.warnf("Upstream response broke off for %s %s [%s]: %s", ctx.request().method(),
                                ctx.normalizedPath(), RequestIds.of(ctx), e.toString());
                        listener.unanswered(true);
                        if (!ctx.response().closed()) {
                            ErrorResponses.send(ctx, 502, "upstreamUnavailable", "The service is unavailable");
                        }
                    });
            return;
        }
        HttpServerResponse response = relayHead(ctx, upstream);
        upstream.pipe().endOnFailure(false).to(response).onComplete(relayed -> {
            if (relayed.failed()) {
                // Headers are gone already: all that is left is to cut the client's connection.
                Log.warnf("Upstream response broke off for %s %s [%s]: %s", ctx.request().method(),
                        ctx.normalizedPath(), RequestIds.of(ctx), relayed.cause().toString());
                response.reset();
            }
        });
    }

    /** Status and headers of the upstream's answer on the client's response (not yet written). */
    private static HttpServerResponse relayHead(RoutingContext ctx, HttpClientResponse upstream) {
        HttpServerResponse response = ctx.response();
        int status = upstream.statusCode();
        response.setStatusCode(status);
        copyHeaders(upstream.headers(), response.headers(), name -> !REPLACED_ON_RESPONSE.contains(name));
        boolean bodyless = ctx.request().method() == HttpMethod.HEAD || status == 204 || status == 304;
        if (upstream.getHeader("Content-Length") == null && !bodyless) {
            response.setChunked(true);
        }
        return response;
    }

    private static void notifyUnanswered(ExchangeListener listener, boolean sent) {
        if (listener != null) {
            listener.unanswered(sent);
        }
    }

    private void upstreamFailed(RoutingContext ctx, String upstream, Throwable e) {
        if (ctx.response().closed()) {
            return; // the client left first; nobody to answer
        }
        String what = ctx.request().method() + " " + ctx.normalizedPath() + " [" + RequestIds.of(ctx) + "]";
        if (e instanceof TimeoutException) {
            Log.warnf("Upstream %s timed out for %s", upstream, what);
            ErrorResponses.send(ctx, 504, "upstreamTimeout", "The service did not answer in time");
        } else {
            Log.warnf("Upstream %s unavailable for %s: %s", upstream, what, e.toString());
            ErrorResponses.send(ctx, 502, "upstreamUnavailable", "The service is unavailable");
        }
    }

    /** The upstream request, with the listener seeing each chunk of the body on its way and its end. */
    private record Tapped(HttpClientRequest out, ExchangeListener listener) implements WriteStream<Buffer> {

        @Override
        public Future<Void> write(Buffer chunk) {
            listener.requestChunk(chunk);
            return out.write(chunk);
        }

        @Override
        public void write(Buffer chunk, Handler<AsyncResult<Void>> handler) {
            write(chunk).onComplete(handler);
        }

        @Override
        public Future<Void> end() {
            listener.requestEnded();
            return out.end();
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            end().onComplete(handler);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            out.exceptionHandler(handler);
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            out.setWriteQueueMaxSize(maxSize);
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return out.writeQueueFull();
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            out.drainHandler(handler);
            return this;
        }
    }

    /** Copies the end-to-end headers whose lower-case name {@code passes}; hop-by-hop ones never. */
    private static void copyHeaders(MultiMap from, MultiMap to, Predicate<String> passes) {
        Set<String> connectionScoped = HOP_BY_HOP;
        List<String> connections = from.getAll("Connection");
        if (!connections.isEmpty()) {
            connectionScoped = new HashSet<>(HOP_BY_HOP);
            for (String connection : connections) {
                for (String token : connection.split(",")) {
                    connectionScoped.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!connectionScoped.contains(name) && !name.startsWith("proxy-") && passes.test(name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }
}
