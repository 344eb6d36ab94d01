package ai.vtry.gateway.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The web console at {@code /console/}: a page that calls only the public API, with the user's key.
 * The HTML is revalidated on every load; the scripts and styles live under
 * {@code /console/assets/{version}/}, where the version is a hash of their content, so a browser may
 * keep them for a year and still never runs a stale one after a deploy.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String ROOT = "/console/";
    private static final String ASSETS = ROOT + "assets/";
    /** Scripts and styles of this origin only; images also from the shops a product page points to. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' https: http: data: blob:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final ConsoleAssets assets;

    public ConsoleRoutes(ConsoleAssets assets) {
        this.assets = assets;
    }

    void route(@Observes Router router) {
        router.route("/console*").order(-1_000).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.equals("/console") && !path.startsWith(ROOT)) {
            ctx.next(); // "/console*" also matches "/consoles"
            return;
        }
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD");
            plain(ctx, 405, "Method Not Allowed");
            return;
        }
        if (path.equals("/console")) {
            ctx.response().setStatusCode(308).putHeader(HttpHeaders.LOCATION, ROOT).end();
        } else if (path.equals(ROOT) || path.equals(ROOT + "index.html")) {
            send(ctx, assets.page(), "no-cache");
        } else if (path.startsWith(ASSETS)) {
            String rest = path.substring(ASSETS.length());
            int slash = rest.indexOf('/');
            ConsoleAssets.Asset asset = slash > 0 && rest.substring(0, slash).equals(assets.version())
                    ? assets.asset(rest.substring(slash + 1))
                    : null;
            if (asset == null) {
                plain(ctx, 404, "Not Found");
            } else {
                send(ctx, asset, "public, max-age=31536000, immutable");
            }
        } else {
            plain(ctx, 404, "Not Found");
        }
    }

    private static void send(RoutingContext ctx, ConsoleAssets.Asset asset, String cacheControl) {
        HttpServerResponse response = ctx.response();
        boolean gzip = acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = asset.etag(gzip);
        response.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.VARY, "Accept-Encoding")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        if (asset.contentType().startsWith("text/html")) {
            response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        byte[] body = gzip ? asset.gzipped() : asset.bytes();
        if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
                .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length));
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    /** A plain-text refusal: these are pages, not API resources with the JSON error body. */
    private static void plain(RoutingContext ctx, int status, String text) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(text + "\n");
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip")) {
                return coding.length == 1 || !coding[1].replace(" ", "").equalsIgnoreCase("q=0");
            }
        }
        return false;
    }
}
