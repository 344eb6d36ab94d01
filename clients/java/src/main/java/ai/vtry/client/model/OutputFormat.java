package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The file format of a generated or edited image; the API's default is {@code jpeg}. */
public enum OutputFormat {
    JPEG("jpeg"),
    PNG("png");

    private final String value;

    OutputFormat(String value) {
        this.value = value;
    }

    /** The value the API uses, e.g. {@code png}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
