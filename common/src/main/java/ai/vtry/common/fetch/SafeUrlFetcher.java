package ai.vtry.common.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.apache.hc.client5.http.DnsResolver;
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
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
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
     * @throws FetchException 400 {@code urlNotAllowed}, 400 {@code sourceTooLarge} or 502 {@code sourceUnreachable}
     */
    public Fetched fetch(String url, String referer, String accept) {
        URI uri = checkedUri(url);
        String refererHeader = referer == null || referer.isBlank() ? null : checkedUri(referer).toString();
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        for (int hop = 0; hop <= maxRedirects; hop++) {
            HttpGet get = new HttpGet(uri);
            get.setHeader("Accept", accept);
            if (refererHeader != null) {
                get.setHeader("Referer", refererHeader);
            }
            try (CloseableHttpResponse response = client.execute(get)) {
                try {
                    int status = response.getCode();
                    if (status >= 300 && status < 400 && status != 304) {
                        uri = redirectTarget(uri, response.getFirstHeader("Location"));
                        get.cancel();
                        continue;
                    }
                    if (status < 200 || status >= 300) {
                        throw FetchException.unreachable("The source answered HTTP " + status);
                    }
                    return spool(response.getEntity(), uri, deadline);
                } catch (IOException | RuntimeException e) {
                    // Closing a response reads the rest of its body; a hostile source could send forever.
                    get.cancel();
                    throw e;
                }
            } catch (BlockedAddressException e) {
                throw FetchException.notAllowed("The URL is not allowed: " + e.getMessage());
            } catch (UnknownHostException e) {
                throw FetchException.unreachable("The host " + uri.getHost() + " could not be resolved");
            } catch (InterruptedIOException e) {
                throw FetchException.unreachable("The source did not answer in time");
            } catch (IOException e) {
                throw FetchException.unreachable("The source could not be reached: " + e.getClass().getSimpleName());
            }
        }
        throw FetchException.unreachable("The source redirected more than " + maxRedirects + " times");
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

    private Fetched spool(HttpEntity entity, URI finalUrl, long deadline) throws IOException {
        if (entity == null) {
            throw FetchException.unreachable("The source answered with an empty body");
        }
        if (entity.getContentLength() > maxBytes) {
            throw FetchException.tooLarge(maxBytes);
        }
        Path file = Files.createTempFile("vtry-fetch-", ".bin");
        long total = 0;
        // The body stream is closed only at its end: on an early exit the caller cancels the request instead.
        InputStream in = entity.getContent();
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw FetchException.tooLarge(maxBytes);
                }
                if (System.nanoTime() > deadline) {
                    throw FetchException.unreachable("The source did not answer in time");
                }
                out.write(buffer, 0, n);
            }
            in.close();
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
}
