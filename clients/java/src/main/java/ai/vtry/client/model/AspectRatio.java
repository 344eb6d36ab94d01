package ai.vtry.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The shape of a generated or edited image; the API's default is {@code 9:16} with NanoBanana2, {@code auto}
 * with NanoBanana.
 */
public enum AspectRatio {
    AUTO("auto"),
    RATIO_21_9("21:9"),
    RATIO_16_9("16:9"),
    RATIO_3_2("3:2"),
    RATIO_4_3("4:3"),
    RATIO_5_4("5:4"),
    RATIO_1_1("1:1"),
    RATIO_4_5("4:5"),
    RATIO_3_4("3:4"),
    RATIO_2_3("2:3"),
    RATIO_9_16("9:16");

    private final String value;

    AspectRatio(String value) {
        this.value = value;
    }

    /** The value the API uses, e.g. {@code 3:4}. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
