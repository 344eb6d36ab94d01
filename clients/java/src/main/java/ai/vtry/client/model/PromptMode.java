package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a generation's prompt is built: Vtry's {@code template} (the default), a {@code preset} of the
 * gallery, or your {@code raw} prompt as it is.
 */
public enum PromptMode {
    TEMPLATE("template"),
    PRESET("preset"),
    RAW("raw");

    private final String value;

    PromptMode(String value) {
        this.value = value;
    }

    /** The value the API uses, e.g. {@code preset}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
