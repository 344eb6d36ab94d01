package ai.vtry.webhook.delivery;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import ai.vtry.common.fetch.AddressPolicy;
import ai.vtry.common.fetch.SafeUrlFetcher;
import ai.vtry.webhook.config.WebhooksConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * POSTs one signed delivery, under the same rules as every URL Vtry fetches (VTRY_FETCH_ALLOW_HOSTS,
 * see common.fetch.AddressPolicy): the host must resolve to public addresses only, redirects are
 * not followed (a 3xx is a failed attempt), and the whole attempt is aborted at the timeout. Blocking:
 * callers run it on a worker thread.
 */
@ApplicationScoped
public class WebhookSender {

    /** How an attempt went: the status code (null when no answer came), Retry-After if any, or the error. */
    public record Answer(Integer status, String retryAfter, String error) {
        public boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private static final String USER_AGENT = "Vtry-Webhooks/1.0 (+https://vtry.ai)";

    /** Aborts attempts at their deadline: per-read timeouts alone let a receiver that trickles bytes hold one. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vtry-webhook-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final CloseableHttpClient client;
    private final Duration deadline;

    public WebhookSender(WebhooksConfig config, SafeUrlFetcher.Config fetch) {
        AddressPolicy policy = AddressPolicy.allowing(fetch.allowHosts().orElse(""));
        this.deadline = config.timeout();
        Timeout timeout = Timeout.of(config.timeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(policy.dnsResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .setMaxConnTotal(100)
                        .setMaxConnPerRoute(10)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .setUserAgent(USER_AGENT)
                .build();
    }

    public Answer post(String url, Map<String, String> headers, String body) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        ScheduledFuture<?> abort = WATCHDOG.schedule(post::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(post, response -> {
                EntityUtils.consume(response.getEntity()); // the answer's body means nothing to us
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue(),
                        response.getCode() / 100 == 2 ? null : "HTTP " + response.getCode());
            });
        } catch (UnknownHostException e) {
            return new Answer(null, null, "The host does not resolve to a public address");
        } catch (IOException | RuntimeException e) {
            if (post.isCancelled()) {
                return new Answer(null, null, "No answer within " + deadline.toSeconds() + " s");
            }
            return new Answer(null, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            abort.cancel(false);
        }
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
