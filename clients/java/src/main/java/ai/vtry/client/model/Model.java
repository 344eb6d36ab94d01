package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The image model of a compose, extraction, generation or edit. {@code NanoBanana2} needs a paid plan. */
public enum Model {
    NANO_BANANA("NanoBanana"),
    NANO_BANANA_2("NanoBanana2");

    private final String value;

    Model(String value) {
        this.value = value;
    }

    /** The name the API uses, e.g. {@code NanoBanana2}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
