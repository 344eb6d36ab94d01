package ai.vtry.webhook.service;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.fetch.AddressPolicy;
import ai.vtry.jobapi.JobWebhook;

/** The checks of the fields of POST and PATCH /api/v1/webhooks, every broken rule under its field. */
final class WebhookRequests {

    static final Set<String> EVENT_TYPES = Set.of("job.completed", "job.failed", "job.cancelled", "*");
    static final int MAX_DESCRIPTION = 500;

    /**
     * An absolute http(s) URL without credentials whose host resolves to public addresses only, on
     * port 80 or 443 (what production lets out); hosts on VTRY_FETCH_ALLOW_HOSTS may be private and
     * use any port (development and tests). Resolves the host: call it on a worker thread.
     */
    static String url(FieldErrors errors, String sent, AddressPolicy policy) {
        if (sent == null || sent.isBlank()) {
            errors.add("url", "url is required: the http(s) URL that receives the events");
            return null;
        }
        String url = sent.strip();
        if (!JobWebhook.acceptable(url)) {
            errors.add("url", "url must be " + JobWebhook.RULE);
            return null;
        }
        URI uri = URI.create(url);
        boolean allowListed = policy.allowListed(uri.getHost());
        if (!allowListed && uri.getPort() != -1 && uri.getPort() != 80 && uri.getPort() != 443) {
            errors.add("url", "url must use port 443 (https) or 80 (http)");
            return null;
        }
        try {
            policy.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            errors.add("url", "The host " + uri.getHost() + " does not resolve to a public address");
            return null;
        }
        return url;
    }

    /** One or more of job.completed, job.failed, job.cancelled, or * for all; duplicates dropped. */
    static List<String> events(FieldErrors errors, List<String> sent) {
        if (sent == null || sent.isEmpty()) {
            errors.add("events", "events is required: one or more of job.completed, job.failed, job.cancelled, or *");
            return null;
        }
        Set<String> events = new LinkedHashSet<>();
        for (String event : sent) {
            if (event == null || !EVENT_TYPES.contains(event.strip())) {
                errors.add("events", "events may hold only job.completed, job.failed, job.cancelled or *, not " + event);
                return null;
            }
            events.add(event.strip());
        }
        return List.copyOf(events);
    }

    static String description(FieldErrors errors, String sent) {
        if (sent != null && sent.length() > MAX_DESCRIPTION) {
            errors.add("description", "description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return sent;
    }

    private WebhookRequests() {
    }
}
