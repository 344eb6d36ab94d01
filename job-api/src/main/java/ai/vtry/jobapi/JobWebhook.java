package ai.vtry.jobapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import ai.vtry.common.error.FieldErrors;

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
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() <= MAX_LENGTH && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(FIELD, FIELD + " must be an absolute http or https URL of at most " + MAX_LENGTH
                + " characters, without credentials or fragment");
        return null;
    }

    private JobWebhook() {
    }
}
