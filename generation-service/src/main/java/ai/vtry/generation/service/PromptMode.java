package ai.vtry.generation.service;

import java.util.Arrays;
import java.util.Optional;

/** How the provider prompt of a generation is built; {@link #wire()} is the reference's promptMode value. */
public enum PromptMode {
    TEMPLATE("template"),
    PRESET("preset"),
    RAW("raw");

    private final String wire;

    PromptMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Exact match on the wire value, as the reference lists it. */
    public static Optional<PromptMode> of(String value) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
    }
}
