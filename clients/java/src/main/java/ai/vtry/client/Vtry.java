package ai.vtry.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Vtry API client. Build one and share it: it is thread-safe.
 *
 * <pre>{@code
 * Vtry vtry = Vtry.builder().build();            // VTRY_API_KEY, VTRY_BASE_URL (default http://localhost:8080)
 * Me me = vtry.me().get();
 * }</pre>
 *
 * Every method has a synchronous form and an {@code ...Async} one returning a {@link
 * java.util.concurrent.CompletableFuture}. Failures are {@link VtryException}s: {@link ApiException}
 * subclasses for error answers. Reads, and writes under an {@code Idempotency-Key} (every POST and DELETE
 * gets one), are retried on 429, 502, 503, 504 and broken connections, honouring {@code Retry-After}.
 */
public final class Vtry {

    /** The gateway of a local stack ({@code ./vtry up}). */
    public static final String DEFAULT_BASE_URL = "http://localhost:8080";

    private final Account me;
    private final Presets presets;
    private final Persons persons;
    private final Clothes clothes;
    private final Generations generations;
    private final Edits edits;
    private final Jobs jobs;
    private final History history;
    private final Usage usage;
    private final Downloads downloads;
    private final Webhooks webhooks;

    private Vtry(Transport transport) {
        this.me = new Account(transport);
        this.presets = new Presets(transport);
        this.persons = new Persons(transport);
        this.clothes = new Clothes(transport);
        this.generations = new Generations(transport);
        this.edits = new Edits(transport);
        this.jobs = new Jobs(transport);
        this.history = new History(transport);
        this.usage = new Usage(transport);
        this.downloads = new Downloads(transport);
        this.webhooks = new Webhooks(transport);
    }

    /** A builder with the key of {@code VTRY_API_KEY} and the gateway of {@code VTRY_BASE_URL}, if set. */
    public static Builder builder() {
        return new Builder().apiKey(System.getenv("VTRY_API_KEY")).baseUrl(System.getenv("VTRY_BASE_URL"));
    }

    /** The key's account: {@code GET /api/v1/me}. */
    public Account me() {
        return me;
    }

    /** The Prompt Gallery. */
    public Presets presets() {
        return presets;
    }

    /** People and their composites. */
    public Persons persons() {
        return persons;
    }

    /** The clothes library, and the pictures of product pages. */
    public Clothes clothes() {
        return clothes;
    }

    /** Try-on generations. */
    public Generations generations() {
        return generations;
    }

    /** Edits of one image. */
    public Edits edits() {
        return edits;
    }

    /** Jobs: read, wait for, follow, cancel. */
    public Jobs jobs() {
        return jobs;
    }

    /** Every job of the workspace, a page at a time. */
    public History history() {
        return history;
    }

    /** The workspace's usage over a period. */
    public Usage usage() {
        return usage;
    }

    /** Downloads of signed image links. */
    public Downloads downloads() {
        return downloads;
    }

    /** Webhook endpoints and their deliveries; a receiver checks each delivery with {@link WebhookVerifier}. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** Builds a {@link Vtry} client. */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration timeout = Duration.ofSeconds(90);
        private int maxRetries = 3;
        private Duration maxRetryWait = Duration.ofMinutes(2);
        private Executor executor;

        private Builder() {
        }

        /** The API key ({@code vtry_...}); a null or blank one keeps the current value. */
        public Builder apiKey(String apiKey) {
            if (apiKey != null && !apiKey.isBlank()) {
                this.apiKey = apiKey.trim();
            }
            return this;
        }

        /**
         * The gateway, without {@code /api/v1}, e.g. {@code https://api.example.com}; a null or blank one keeps
         * the current value.
         */
        public Builder baseUrl(String baseUrl) {
            if (baseUrl != null && !baseUrl.isBlank()) {
                this.baseUrl = baseUrl.trim().replaceAll("/+$", "");
            }
            return this;
        }

        /** How long to wait for an answer's headers (a long poll gets its wait on top); 90 s by default. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Retries after the first attempt of a call that is safe to repeat; 3 by default, 0 for none. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The longest {@code Retry-After} the client waits out by itself; 2 minutes by default. */
        public Builder maxRetryWait(Duration maxRetryWait) {
            this.maxRetryWait = Objects.requireNonNull(maxRetryWait, "maxRetryWait");
            return this;
        }

        /**
         * Where the {@code ...Async} calls run; by default a pool of daemon threads that grows as needed. On
         * Java 21, {@code Executors.newVirtualThreadPerTaskExecutor()} is a good choice.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** @throws IllegalStateException without an API key */
        public Vtry build() {
            if (apiKey == null) {
                throw new IllegalStateException("No API key: set VTRY_API_KEY or call apiKey(..)");
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
            ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            Executor async = executor != null ? executor : Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "vtry-client");
                thread.setDaemon(true);
                return thread;
            });
            RetryPolicy retries = new RetryPolicy(maxRetries, maxRetryWait,
                    () -> ThreadLocalRandom.current().nextDouble());
            return new Vtry(new Transport(http, baseUrl, apiKey, timeout, retries, json, async));
        }
    }
}
