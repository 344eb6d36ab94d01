package ai.vtry.person.service;

import ai.vtry.common.error.FieldErrors;

/** The models that can compose a person; NanoBanana2 is for paid plans. */
public enum PersonModel {
    NanoBanana(false),
    NanoBanana2(true);

    private final boolean paidOnly;

    PersonModel(boolean paidOnly) {
        this.paidOnly = paidOnly;
    }

    public boolean paidOnly() {
        return paidOnly;
    }

    /** The model named by a request field, or null after recording why it is not one. */
    public static PersonModel parse(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, field + " is required");
            return null;
        }
        for (PersonModel model : values()) {
            if (model.name().equals(value)) {
                return model;
            }
        }
        errors.add(field, field + " must be NanoBanana or NanoBanana2");
        return null;
    }
}
