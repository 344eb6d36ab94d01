package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a garment joins the library: the picture as it is ({@code direct}) or cut out by an image model
 * ({@code extract}).
 */
public enum ClothMode {
    DIRECT("direct"),
    EXTRACT("extract");

    private final String value;

    ClothMode(String value) {
        this.value = value;
    }

    /** The value the API uses, e.g. {@code extract}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
