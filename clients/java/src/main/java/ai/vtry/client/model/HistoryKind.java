package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which jobs the history lists: the image jobs (generations and edits, the default) or all of them. */
public enum HistoryKind {
    IMAGES("images"),
    ALL("all");

    private final String value;

    HistoryKind(String value) {
        this.value = value;
    }

    /** The value the API uses, e.g. {@code all}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
