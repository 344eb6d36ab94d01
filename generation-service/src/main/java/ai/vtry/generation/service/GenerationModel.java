package ai.vtry.generation.service;

import ai.vtry.common.error.FieldErrors;

/**
 * The public model names and what each allows (the reference's Generations and Edits tables).
 * Which provider model runs them is configuration of the provider, not of the API.
 */
public enum GenerationModel {
    NanoBanana(false, 2, 4, "auto"),
    NanoBanana2(true, 7, 1, "9:16");

    /** The most images any model makes in one request: what numImages is checked against when the model is wrong. */
    public static final int MAX_IMAGES = 4;

    private final boolean paidOnly;
    private final int maxClothes;
    private final int maxImages;
    private final String defaultAspectRatio;

    GenerationModel(boolean paidOnly, int maxClothes, int maxImages, String defaultAspectRatio) {
        this.paidOnly = paidOnly;
        this.maxClothes = maxClothes;
        this.maxImages = maxImages;
        this.defaultAspectRatio = defaultAspectRatio;
    }

    public boolean paidOnly() {
        return paidOnly;
    }

    public int maxClothes() {
        return maxClothes;
    }

    public int maxImages() {
        return maxImages;
    }

    public String defaultAspectRatio() {
        return defaultAspectRatio;
    }

    /** Only NanoBanana2 takes a resolution. */
    public boolean supportsResolution() {
        return this == NanoBanana2;
    }

    /** The model a field names; null after recording why not (absent values give {@code fallback}). */
    public static GenerationModel parse(FieldErrors errors, String field, String value, GenerationModel fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                errors.add(field, field + " is required");
            }
            return fallback;
        }
        for (GenerationModel model : values()) {
            if (model.name().equals(value.strip())) {
                return model;
            }
        }
        errors.add(field, field + " must be NanoBanana or NanoBanana2");
        return null;
    }
}
