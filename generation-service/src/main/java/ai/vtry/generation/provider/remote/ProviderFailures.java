package ai.vtry.generation.provider.remote;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import ai.vtry.generation.provider.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;

/**
 * The job error codes of a provider's failures (docs/operations.md, "Image providers") and their messages.
 * Messages never carry keys, provider URLs or raw bodies: provider text goes through {@link #sanitize}.
 */
public final class ProviderFailures {

    public static final String BUSY = "providerBusy";
    public static final String UNAVAILABLE = "providerUnavailable";
    public static final String TIMEOUT = "timeout";
    public static final String REJECTED = "providerRejected";
    public static final String MISCONFIGURED = "providerMisconfigured";
    public static final String CONTENT_BLOCKED = "contentBlocked";
    public static final String NO_IMAGE = "noImage";

    private static final int MAX_DETAIL = 200;
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|gs|data):[^\\s\"'<>]*");
    // Keys, tokens, request ids and base64 runs: long unbroken strings say nothing to a user.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-:+/=.]{32,}");

    public static Outcome.Failed busy(OptionalLong retryAfterSeconds) {
        String later = retryAfterSeconds.isPresent() ? " (retry after " + retryAfterSeconds.getAsLong() + " s)" : "";
        return new Outcome.Failed(BUSY, "Provider busy; try later" + later, true);
    }

    public static Outcome.Failed unavailable(String message) {
        return new Outcome.Failed(UNAVAILABLE, message, true);
    }

    public static Outcome.Failed timeout(String message) {
        return new Outcome.Failed(TIMEOUT, message, false);
    }

    public static Outcome.Failed deadlinePassed() {
        return timeout("Not finished before the job's deadline");
    }

    /** The provider refused the request itself; {@code detail} is provider text and is sanitized here. */
    public static Outcome.Failed rejected(String detail, String secret) {
        String clean = sanitize(detail, secret);
        return new Outcome.Failed(REJECTED,
                clean.isEmpty() ? "The provider rejected the request" : "The provider rejected the request: " + clean, false);
    }

    public static Outcome.Failed misconfigured(String message) {
        return new Outcome.Failed(MISCONFIGURED, message, false);
    }

    public static Outcome.Failed contentBlocked() {
        return new Outcome.Failed(CONTENT_BLOCKED, "Blocked by the safety filter", false);
    }

    /** Retryable: the worker tries once more, a second attempt often returns an image. */
    public static Outcome.Failed noImage() {
        return new Outcome.Failed(NO_IMAGE, "The provider returned no image", true);
    }

    /** Any failure of a provider chain as an outcome: connect errors and timeouts are transient. */
    public static Outcome.Failed of(Throwable failure, String provider) {
        if (failure instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
            return of(composite.getCauses().get(0), provider);
        }
        if (failure instanceof ProviderFailure classified) {
            return classified.failed();
        }
        if (failure instanceof HttpTimeoutException) {
            return unavailable("The provider did not answer in time");
        }
        if (failure instanceof IOException) {
            return unavailable("The provider could not be reached");
        }
        // A bug or an answer we cannot read: treated as transient, and logged for us (no body, no key).
        Log.warnf("Unexpected %s failure: %s", provider, failure.getClass().getName());
        return unavailable("The provider gave an unexpected answer");
    }

    /** Retry-After in seconds when it is given as a number (an HTTP date is ignored). */
    public static OptionalLong retryAfter(java.net.http.HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    /** Provider text fit for a job's error: no URLs, no secret, no long tokens, one line, short. */
    public static String sanitize(String text, String secret) {
        if (text == null) {
            return "";
        }
        String clean = text;
        if (secret != null && !secret.isBlank()) {
            clean = clean.replace(secret, "");
        }
        clean = URL.matcher(clean).replaceAll("<url>");
        clean = TOKEN.matcher(clean).replaceAll("…");
        clean = clean.replaceAll("[\\p{Cntrl}\\s]+", " ").replaceAll("[{}\\[\\]\"]", "").trim();
        return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL - 1) + "…";
    }

    private ProviderFailures() {
    }
}
