package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The size of a NanoBanana2 image (only NanoBanana2 takes one); the API's default is {@code 1K}. */
public enum Resolution {
    R1K("1K"),
    R2K("2K"),
    R4K("4K");

    private final String value;

    Resolution(String value) {
        this.value = value;
    }

    /** The value the API uses, e.g. {@code 2K}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
