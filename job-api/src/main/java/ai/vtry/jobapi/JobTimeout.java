package ai.vtry.jobapi;

import ai.vtry.common.error.FieldErrors;

/**
 * {@code timeoutSeconds}, the client's own deadline on every job-creating request. The job fails
 * with {@code timeout} when it passes; job-service also caps it at the deployment's deadline.
 */
public final class JobTimeout {

    public static final String FIELD = "timeoutSeconds";
    /** The longest a client may ask for: the default deployment deadline. */
    public static final int MAX_SECONDS = 600;

    /** A JSON body's value: null when absent, otherwise 1 to {@link #MAX_SECONDS} or an error under the field. */
    public static Integer check(FieldErrors errors, Integer seconds) {
        if (seconds != null && (seconds < 1 || seconds > MAX_SECONDS)) {
            errors.add(FIELD, message());
            return null;
        }
        return seconds;
    }

    /** A multipart form's value, sent as text: the same rules as {@link #check}. */
    public static Integer parse(FieldErrors errors, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return check(errors, Integer.valueOf(raw.strip()));
        } catch (NumberFormatException e) {
            errors.add(FIELD, message());
            return null;
        }
    }

    private static String message() {
        return FIELD + " must be a whole number of seconds from 1 to " + MAX_SECONDS;
    }

    private JobTimeout() {
    }
}
