package ai.vtry.jobapi;

import java.net.URI;

import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.fetch.HttpUrls;

/**
 * {@code webhookUrl}, where a job-creating request asks for its job's final event (besides the
 * workspace's endpoints). Kept in the job's parameters; webhook-service sends to it, under the
 * fetch address policy, signed with the workspace's request secret.
 */
public final class JobWebhook {

    public static final String FIELD = "webhookUrl";
    static final int MAX_LENGTH = 2048;

    /** The URL, stripped, or null when absent; a malformed one is an error under the field. */
    public static String check(FieldErrors errors, String sent) {
        if (sent == null || sent.isBlank()) {
            return null;
        }
        String url = sent.strip();
        if (acceptable(url)) {
            return url;
        }
        errors.add(FIELD, FIELD + " must be " + RULE);
        return null;
    }

    /** What a webhook URL must be, for error messages. */
    public static final String RULE = "an absolute http or https URL of at most " + MAX_LENGTH
            + " characters, without credentials or fragment";

    /** Whether {@code url} may receive webhooks, by its form alone (where it points is checked at delivery). */
    public static boolean acceptable(String url) {
        if (url.length() > MAX_LENGTH || !HttpUrls.isAbsoluteHttp(url)) {
            return false;
        }
        URI uri = URI.create(url);
        return uri.getRawUserInfo() == null && uri.getRawFragment() == null;
    }

    private JobWebhook() {
    }
}
