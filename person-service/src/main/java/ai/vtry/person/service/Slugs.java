package ai.vtry.person.service;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import ai.vtry.common.error.FieldErrors;

/** Person names become storage-safe slugs: they are part of every reference image's key. */
public final class Slugs {

    public static final int MAX_LENGTH = 64;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    /** "Zoë  O'Brien!" becomes "zoe-o-brien"; the result may be empty. */
    public static String slug(String name) {
        if (name == null) {
            return "";
        }
        // Lowercase first: some capitals (İ) lowercase to a letter plus a combining mark.
        String decomposed = Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        String slug = trimDashes(NOT_ALNUM.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll("-"));
        return slug.length() <= MAX_LENGTH ? slug : trimDashes(slug.substring(0, MAX_LENGTH));
    }

    /** The slug of a required name field, or null after recording why there is none. */
    public static String required(FieldErrors errors, String field, String name) {
        if (name == null || name.isBlank()) {
            errors.add(field, field + " is required");
            return null;
        }
        String slug = slug(name);
        if (slug.isEmpty()) {
            errors.add(field, field + " must contain at least one letter or digit");
            return null;
        }
        return slug;
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    private Slugs() {
    }
}
