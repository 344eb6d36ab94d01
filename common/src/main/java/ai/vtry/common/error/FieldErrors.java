package ai.vtry.common.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every validation problem of a request so the caller sees all of them at once. */
public final class FieldErrors {

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        fields.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * A whole number from 1 to {@code max} sent as text (a page number or size): absent or blank means
     * {@code defaultValue}; anything else is recorded under {@code field} and gives the default.
     */
    public int positiveInt(String field, String raw, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // recorded below
        }
        add(field, max == Integer.MAX_VALUE ? field + " must be a positive integer"
                : field + " must be an integer from 1 to " + max);
        return defaultValue;
    }

    /** Throws a 400 {@code validationFailed} naming every field collected so far, if any. */
    public void throwIfAny() {
        if (!fields.isEmpty()) {
            Map<String, List<String>> snapshot = new LinkedHashMap<>();
            fields.forEach((field, messages) -> snapshot.put(field, List.copyOf(messages)));
            throw ApiException.validation(snapshot);
        }
    }
}
