package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How usage is grouped: by UTC day (the default), by job kind or by model. */
public enum UsageGroupBy {
    DAY("day"),
    KIND("kind"),
    MODEL("model");

    private final String value;

    UsageGroupBy(String value) {
        this.value = value;
    }

    /** The value the API uses, e.g. {@code kind}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
