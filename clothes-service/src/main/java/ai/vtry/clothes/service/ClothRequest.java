package ai.vtry.clothes.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.fetch.HttpUrls;
import ai.vtry.jobapi.JobTimeout;
import ai.vtry.jobapi.JobWebhook;

/**
 * A validated {@code POST /api/v1/clothes}: how to add the garment, the one image input (an
 * uploaded file or a URL to import), where it came from, and for extractions the model, the
 * resolution and the extra instruction.
 *
 * @param resolution for NanoBanana2 the requested one or 1K; null for NanoBanana and direct uploads
 * @param timeoutSeconds the job's deadline the client asked for, or null
 * @param webhookUrl     where the client wants the job's final event, or null
 */
public record ClothRequest(Mode mode, Upload file, String imageUrl, String sourcePageUrl, String prompt, Model model,
        String resolution, Integer timeoutSeconds, String webhookUrl) {

    public enum Mode {
        direct, extract
    }

    /** The models that can extract a garment; NanoBanana2 (and with it resolution) is for paid plans. */
    public enum Model {
        NanoBanana, NanoBanana2;

        public boolean paidOnly() {
            return this == NanoBanana2;
        }
    }

    /** The uploaded file as the multipart decoder stored it. */
    public record Upload(Path file, String fileName, long size) {
    }

    public static final List<String> RESOLUTIONS = List.of("1K", "2K", "4K");
    public static final String DEFAULT_RESOLUTION = "1K";
    private static final int MAX_URL_LENGTH = 4096;

    public boolean fromUrl() {
        return imageUrl != null;
    }

    /** The request's own sourceUrl: the page it names, else the imported image's URL, else none. */
    public String sourceUrl() {
        return sourcePageUrl != null ? sourcePageUrl : imageUrl;
    }

    /**
     * Checks every rule of the reference and reports each broken one under its field; returns the
     * request only if there were none (otherwise the caller's {@code errors.throwIfAny()} throws).
     */
    public static ClothRequest validate(FieldErrors errors, String mode, List<Upload> files, String imageUrl,
            String sourcePageUrl, String prompt, String model, String resolution, String timeoutSeconds, String webhookUrl,
            long maxBytes, int maxPromptLength) {
        Mode parsedMode = mode(errors, blankToNull(mode));
        Upload file = input(errors, files == null ? List.of() : files, blankToNull(imageUrl), maxBytes);
        String url = httpUrl(errors, "imageUrl", blankToNull(imageUrl));
        String page = httpUrl(errors, "sourcePageUrl", blankToNull(sourcePageUrl));
        String instruction = blankToNull(prompt);
        if (instruction != null && instruction.length() > maxPromptLength) {
            errors.add("prompt", "prompt must be at most " + maxPromptLength + " characters");
        }
        Model parsedModel = model(errors, parsedMode, blankToNull(model));
        String parsedResolution = resolution(errors, parsedMode, parsedModel, blankToNull(resolution));
        Integer timeout = JobTimeout.parse(errors, timeoutSeconds);
        String webhook = JobWebhook.check(errors, webhookUrl);
        if (!errors.isEmpty()) {
            return null;
        }
        return new ClothRequest(parsedMode, file, url, page, parsedMode == Mode.extract ? instruction : null,
                parsedModel, parsedResolution, timeout, webhook);
    }

    private static Mode mode(FieldErrors errors, String value) {
        if (value == null) {
            errors.add("mode", "mode is required");
            return null;
        }
        for (Mode mode : Mode.values()) {
            if (mode.name().equals(value)) {
                return mode;
            }
        }
        errors.add("mode", "mode must be direct or extract");
        return null;
    }

    private static Upload input(FieldErrors errors, List<Upload> files, String imageUrl, long maxBytes) {
        if (files.isEmpty() && imageUrl == null) {
            errors.add("file", "Send a file or an imageUrl");
            return null;
        }
        if (!files.isEmpty() && imageUrl != null) {
            errors.add("imageUrl", "Send either file or imageUrl, not both");
            return null;
        }
        if (files.size() > 1) {
            errors.add("file", "Send one file, got " + files.size());
            return null;
        }
        if (files.isEmpty()) {
            return null;
        }
        Upload file = files.get(0);
        if (file.size() > maxBytes) {
            errors.add("file", "file is larger than " + megabytes(maxBytes) + " MB");
        }
        return file;
    }

    private static Model model(FieldErrors errors, Mode mode, String value) {
        if (mode == Mode.direct && value != null) {
            errors.add("model", "model must not be sent with direct mode");
            return null;
        }
        if (mode != Mode.extract) {
            return null;
        }
        if (value == null) {
            errors.add("model", "model is required for extract mode");
            return null;
        }
        for (Model model : Model.values()) {
            if (model.name().equals(value)) {
                return model;
            }
        }
        errors.add("model", "model must be NanoBanana or NanoBanana2");
        return null;
    }

    private static String resolution(FieldErrors errors, Mode mode, Model model, String value) {
        if (value != null && !RESOLUTIONS.contains(value.toUpperCase(Locale.ROOT))) {
            errors.add("resolution", "resolution must be 1K, 2K or 4K");
            return null;
        }
        if (value != null && mode != null && model != Model.NanoBanana2 && !errors.has("model")) {
            errors.add("resolution", "resolution is only supported when model is NanoBanana2");
            return null;
        }
        if (mode == Mode.extract && model == Model.NanoBanana2) {
            return value == null ? DEFAULT_RESOLUTION : value.toUpperCase(Locale.ROOT);
        }
        return null;
    }

    /** An absolute http(s) URL, or null after recording why it is not one. */
    public static String httpUrl(FieldErrors errors, String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_URL_LENGTH) {
            errors.add(field, field + " must be at most " + MAX_URL_LENGTH + " characters");
            return null;
        }
        if (HttpUrls.isAbsoluteHttp(value)) {
            return value;
        }
        errors.add(field, field + " must be an http or https URL");
        return null;
    }

    /** The first of a field and its aliases that has a value ({@code imageUrl} or {@code image_url}). */
    public static String either(String... values) {
        for (String value : values) {
            if (blankToNull(value) != null) {
                return value;
            }
        }
        return null;
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? String.valueOf(bytes / (1024 * 1024)) : String.format("%.1f", bytes / 1048576.0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
