package ai.vtry.common.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.image.ImageCheck;
import ai.vtry.common.image.ImageSniffer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one way services fetch user-supplied URLs. http and https only; every address a name
 * resolves to is checked against {@link AddressPolicy} at connection time (so DNS rebinding between
 * check and connect cannot slip through), on every redirect hop; size, time and redirect limits;
 * the body goes to a temporary file. Blocking: call it off the event loop.
 */
@ApplicationScoped
public class SafeUrlFetcher implements AutoCloseable {

    @ConfigMapping(prefix = "vtry.fetch")
    public interface Config {
        /** Hosts that may be private or loopback (VTRY_FETCH_ALLOW_HOSTS); development and tests only. */
        Optional<String> allowHosts();

        @WithDefault("20971520")
        long maxBytes();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT20S")
        Duration totalTimeout();

        @WithDefault("5")
        int maxRedirects();
    }

    private static final String USER_AGENT = "VtryFetcher/1.0 (+https://vtry.ai)";

    /** Aborts fetches at their deadline; one daemon thread for all, the work it does is a cancel. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vtry-fetch-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final CloseableHttpClient client;
    private final long maxBytes;
    private final Duration totalTimeout;
    private final int maxRedirects;

    @Inject
    public SafeUrlFetcher(Config config) {
        this(AddressPolicy.allowing(config.allowHosts().orElse("")), config.maxBytes(), config.connectTimeout(),
                config.totalTimeout(), config.maxRedirects());
    }

    public SafeUrlFetcher(AddressPolicy policy, long maxBytes, Duration connectTimeout, Duration totalTimeout, int maxRedirects) {
        this.maxBytes = maxBytes;
        this.totalTimeout = totalTimeout;
        this.maxRedirects = maxRedirects;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(policy.dnsResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(totalTimeout))
                                .build())
                        .setMaxConnTotal(50)
                        .setMaxConnPerRoute(10)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(totalTimeout))
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /**
     * Fetches {@code url}, following redirects, sending {@code referer} if given.
     *
     * @throws FetchException 400 {@code urlNotAllowed}, 400 {@code sourceTooLarge}, 422 {@code sourceUnreachable}
     *         (the source answered 4xx: the URL is wrong) or 502 {@code sourceUnreachable} (it failed or did not answer)
     */
    public Fetched fetch(String url, String referer, String accept) {
        return fetch(url, referer, accept, maxBytes, false);
    }

    /**
     * Imports an image: fetches {@code url} (with the page it came from as Referer) and checks by its
     * content that it is a complete JPEG, PNG or WebP image of sane dimensions ({@link ImageSniffer#check}).
     *
     * @throws ApiException 400 {@code notAnImage} (field imageUrl) for anything else; or as {@link #fetch}
     */
    public FetchedImage fetchImage(String url, String referer) {
        Fetched fetched = fetch(url, referer, "image/*");
        ImageCheck check = ImageSniffer.check(fetched.file());
        if (!check.accepted()) {
            fetched.close();
            throw new ApiException(400, "notAnImage", "The image at the URL " + check.problem(), Map.of("field", "imageUrl"));
        }
        return new FetchedImage(fetched, check.info());
    }

    /**
     * Fetches at most the first {@code prefixBytes} of {@code url}, e.g. to read an image's header:
     * a longer body is cut there (and the rest never read), not refused. Everything else as in
     * {@link #fetch(String, String, String)}: address checks on every hop, redirects, time limit.
     *
     * @throws FetchException 400 {@code urlNotAllowed} or 502 {@code sourceUnreachable}
     */
    public Fetched fetchPrefix(String url, String referer, String accept, long prefixBytes) {
        return fetch(url, referer, accept, Math.min(prefixBytes, maxBytes), true);
    }

    private Fetched fetch(String url, String referer, String accept, long limit, boolean prefix) {
        URI uri = checkedUri(url);
        String refererHeader = referer == null || referer.isBlank() ? null : checkedUri(referer).toString();
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        // The deadline holds for the whole fetch: name lookups, connects, every redirect and the body.
        // Timeouts per connection cannot promise that, so a watchdog aborts whatever runs at the deadline.
        AtomicReference<HttpGet> current = new AtomicReference<>();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            HttpGet running = current.get();
            if (running != null) {
                running.cancel();
            }
        }, totalTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            for (int hop = 0; hop <= maxRedirects; hop++) {
                HttpGet get = new HttpGet(uri);
                get.setHeader("Accept", accept);
                if (refererHeader != null) {
                    get.setHeader("Referer", refererHeader);
                }
                if (prefix) {
                    get.setHeader("Range", "bytes=0-" + (limit - 1));
                }
                current.set(get);
                if (System.nanoTime() > deadline) {
                    throw FetchException.unreachable("The source did not answer in time");
                }
                Fetched cutShort = null;
                try (CloseableHttpResponse response = client.execute(get)) {
                    try {
                        int status = response.getCode();
                        if (status >= 300 && status < 400 && status != 304) {
                            uri = redirectTarget(uri, response.getFirstHeader("Location"));
                            get.cancel();
                            continue;
                        }
                        if (status < 200 || status >= 300) {
                            throw FetchException.answered(status);
                        }
                        Fetched fetched = spool(response.getEntity(), uri, deadline, limit, prefix);
                        if (prefix) {
                            cutShort = fetched;
                            get.cancel(); // the rest of a cut body is not read
                        }
                        return fetched;
                    } catch (IOException | RuntimeException e) {
                        // Closing a response reads the rest of its body; a hostile source could send forever.
                        get.cancel();
                        throw e;
                    }
                } catch (UnknownHostException e) { // a BlockedAddressException too
                    throw unresolvable(uri.getHost(), e);
                } catch (IOException e) {
                    if (cutShort != null) {
                        return cutShort; // closing the cancelled response failed, the prefix is complete
                    }
                    if (e instanceof InterruptedIOException || System.nanoTime() > deadline) {
                        throw FetchException.unreachable("The source did not answer in time");
                    }
                    throw FetchException.unreachable("The source could not be reached: " + e.getClass().getSimpleName());
                }
            }
            throw FetchException.unreachable("The source redirected more than " + maxRedirects + " times");
        } finally {
            watchdog.cancel(false);
        }
    }

    private static URI redirectTarget(URI from, Header location) {
        if (location == null) {
            throw FetchException.unreachable("The source redirected without a Location");
        }
        try {
            return checkedUri(from.resolve(new URI(location.getValue().trim())).toString());
        } catch (URISyntaxException e) {
            throw FetchException.unreachable("The source redirected to a malformed URL");
        }
    }

    /** Writes the body to a temporary file: up to {@code limit} bytes, then fails, or with {@code cut} stops. */
    private Fetched spool(HttpEntity entity, URI finalUrl, long deadline, long limit, boolean cut) throws IOException {
        if (entity == null) {
            throw FetchException.unreachable("The source answered with an empty body");
        }
        if (!cut && entity.getContentLength() > limit) {
            throw FetchException.tooLarge(limit);
        }
        Path file = Files.createTempFile("vtry-fetch-", ".bin");
        long total = 0;
        // The body stream is closed only at its end: on an early exit the caller cancels the request instead.
        InputStream in = entity.getContent();
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            boolean whole = true;
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (cut && total + n >= limit) {
                    out.write(buffer, 0, (int) (limit - total));
                    total = limit;
                    whole = false;
                    break;
                }
                total += n;
                if (total > limit) {
                    throw FetchException.tooLarge(limit);
                }
                if (System.nanoTime() > deadline) {
                    throw FetchException.unreachable("The source did not answer in time");
                }
                out.write(buffer, 0, n);
            }
            if (whole) {
                in.close();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        String contentType = entity.getContentType() == null ? null : entity.getContentType().toLowerCase(Locale.ROOT);
        return new Fetched(file, total, contentType, finalUrl);
    }

    /** Parses and checks what can be checked before any network traffic. */
    static URI checkedUri(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw FetchException.notAllowed("The URL is malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw FetchException.notAllowed("Only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw FetchException.notAllowed("The URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw FetchException.notAllowed("URLs with credentials are not allowed");
        }
        if (uri.getPort() > 65_535) {
            // URI parses any number; the HTTP client would throw (a 500) on it (found by FuzzIT, seed 777).
            throw FetchException.notAllowed("The URL's port is out of range");
        }
        return uri;
    }

    @PreDestroy
    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing pooled connections; nothing to recover
        }
    }

    /**
     * A host with no address an import may reach. For a name, "resolves to private addresses only"
     * and "does not resolve" answer alike (status, code and text), so that imports cannot probe which
     * internal names exist; for an IP literal, saying why reveals nothing.
     */
    private static FetchException unresolvable(String host, UnknownHostException e) {
        boolean literal = host != null && (host.indexOf(':') >= 0 || host.matches("[0-9.]+"));
        if (literal && e instanceof BlockedAddressException) {
            return FetchException.notAllowed("The URL is not allowed: " + e.getMessage());
        }
        return FetchException.notAllowed("The host " + host + " does not resolve to a public address");
    }
}
