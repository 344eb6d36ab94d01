package ai.vtry.job.rest;

import ai.vtry.common.error.FieldErrors;

/** Query parameters that are page numbers or sizes: absent means the default, anything else must be in range. */
final class Paging {

    static int positive(FieldErrors errors, String name, String raw, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(name, max == Integer.MAX_VALUE ? name + " must be a positive integer"
                : name + " must be an integer from 1 to " + max);
        return defaultValue;
    }

    private Paging() {
    }
}
