package ai.vtry.generation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.vtry.common.error.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds the provider prompt of a try-on generation in the reference's three modes. Pure and
 * deterministic: the same request always gives the same text, so a prompt can be hashed and compared.
 * <ul>
 * <li>{@code template} (default): a production prompt from the scene/style fields, {@code prompt} appended;</li>
 * <li>{@code preset} (default when a preset is named): the gallery text, {@code prompt} appended;</li>
 * <li>{@code raw}: {@code prompt} as it is.</li>
 * </ul>
 */
@ApplicationScoped
public class PromptComposer {

    /** Bounds for each user-supplied field; a raw prompt is a whole production prompt, so it gets more room. */
    public static final int MAX_FIELD = 1000;
    public static final int MAX_PROMPT = 4000;

    static final String DEFAULT_SCENE = "a clean, modern photo studio with a seamless light gray backdrop";
    static final String DEFAULT_ACTIVITY = "standing naturally in a relaxed, confident pose that shows every selected item clearly";
    static final String DEFAULT_COMPOSITION = "full-body head-to-toe shot, straight-on camera at chest height, the person centered with every selected item fully visible";
    static final String DEFAULT_LIGHTING = "soft, even, diffused light with natural shadows that match the scene";
    static final String DEFAULT_EXPRESSION = "a natural, relaxed expression true to the person's reference";
    static final String DEFAULT_MOOD = "polished, premium fashion photography";

    private final PresetCatalog catalog;

    public PromptComposer(PresetCatalog catalog) {
        this.catalog = catalog;
    }

    /** @throws ai.vtry.common.error.ApiException 400 validationFailed naming every offending field */
    public ComposedPrompt compose(PromptRequest r) {
        FieldErrors errors = new FieldErrors();
        ComposedPrompt composed = compose(r, errors);
        errors.throwIfAny();
        return composed;
    }

    /**
     * As {@link #compose(PromptRequest)}, recording problems in {@code errors} next to the caller's own,
     * so a request's every mistake is reported at once; null when {@code errors} is not empty.
     */
    public ComposedPrompt compose(PromptRequest r, FieldErrors errors) {
        String prompt = bounded(errors, "prompt", r.prompt(), MAX_PROMPT);
        String presetId = bounded(errors, "promptPresetId", r.presetId(), MAX_FIELD);
        String presetTitle = bounded(errors, "promptPresetTitle", r.presetTitle(), MAX_FIELD);
        String scene = bounded(errors, "scene", r.scene(), MAX_FIELD);
        String activity = bounded(errors, "activity", r.activity(), MAX_FIELD);
        String composition = bounded(errors, "composition", r.composition(), MAX_FIELD);
        String cameraAngle = bounded(errors, "cameraAngle", r.cameraAngle(), MAX_FIELD);
        String cameraDistance = bounded(errors, "cameraDistance", r.cameraDistance(), MAX_FIELD);
        String lighting = bounded(errors, "lighting", r.lighting(), MAX_FIELD);
        String expression = bounded(errors, "expression", r.expression(), MAX_FIELD);
        String mood = bounded(errors, "mood", r.mood(), MAX_FIELD);

        PromptMode mode = mode(errors, r.mode(), presetId != null || presetTitle != null);
        if (mode == null) {
            return null;
        }
        if (mode != PromptMode.PRESET) {
            // A preset outside preset mode would be silently ignored; say so instead.
            if (presetId != null) {
                errors.add("promptPresetId", "promptPresetId is only used when promptMode is preset");
            }
            if (presetTitle != null) {
                errors.add("promptPresetTitle", "promptPresetTitle is only used when promptMode is preset");
            }
        }
        return switch (mode) {
            case RAW -> {
                if (prompt == null && !errors.has("prompt")) {
                    errors.add("prompt", "prompt is required when promptMode is raw");
                }
                yield errors.isEmpty() ? new ComposedPrompt(PromptMode.RAW, prompt, null) : null;
            }
            case PRESET -> {
                Preset preset = preset(errors, presetId, presetTitle);
                yield errors.isEmpty()
                        ? new ComposedPrompt(PromptMode.PRESET, presetText(preset, r.itemCount(), prompt), preset.id())
                        : null;
            }
            case TEMPLATE -> {
                if (!errors.isEmpty()) {
                    yield null;
                }
                String framing = framing(composition, cameraAngle, cameraDistance);
                yield new ComposedPrompt(PromptMode.TEMPLATE, templateText(r.itemCount(),
                        or(scene, DEFAULT_SCENE), or(activity, DEFAULT_ACTIVITY), framing,
                        or(lighting, DEFAULT_LIGHTING), or(expression, DEFAULT_EXPRESSION), or(mood, DEFAULT_MOOD),
                        prompt), null);
            }
        };
    }

    private static PromptMode mode(FieldErrors errors, String raw, boolean presetNamed) {
        if (raw == null || raw.isBlank()) {
            return presetNamed ? PromptMode.PRESET : PromptMode.TEMPLATE;
        }
        Optional<PromptMode> mode = PromptMode.of(raw.strip());
        if (mode.isEmpty()) {
            errors.add("promptMode", "promptMode must be one of template, preset, raw");
            return null;
        }
        return mode.get();
    }

    private Preset preset(FieldErrors errors, String presetId, String presetTitle) {
        if (presetId == null && presetTitle == null) {
            if (!errors.has("promptPresetId") && !errors.has("promptPresetTitle")) {
                errors.add("promptPresetId", "promptPresetId or promptPresetTitle is required when promptMode is preset");
            }
            return null;
        }
        Preset byId = null;
        if (presetId != null) {
            byId = catalog.byId(presetId).orElse(null);
            if (byId == null) {
                errors.add("promptPresetId", "promptPresetId " + presetId + " is not a known prompt preset; see GET /api/v1/prompt-presets");
            }
        }
        Preset byTitle = null;
        if (presetTitle != null) {
            byTitle = catalog.byTitle(presetTitle).orElse(null);
            if (byTitle == null) {
                errors.add("promptPresetTitle", "promptPresetTitle \"" + presetTitle + "\" is not a known prompt preset; see GET /api/v1/prompt-presets");
            } else if (byId != null && !byId.id().equals(byTitle.id())) {
                errors.add("promptPresetTitle", "promptPresetTitle names a different preset than promptPresetId");
            }
        }
        return byId != null ? byId : byTitle;
    }

    /** Explicit composition wins; camera angle and distance refine it or, alone, build the framing. */
    private static String framing(String composition, String cameraAngle, String cameraDistance) {
        if (composition == null && cameraAngle == null && cameraDistance == null) {
            return DEFAULT_COMPOSITION;
        }
        List<String> parts = new ArrayList<>();
        if (composition != null) {
            parts.add(trimEnd(composition));
        } else if (cameraDistance == null) {
            parts.add("full-body head-to-toe shot");
        }
        if (cameraDistance != null) {
            parts.add("camera distance: " + trimEnd(cameraDistance));
        }
        if (cameraAngle != null) {
            parts.add("camera angle: " + trimEnd(cameraAngle));
        }
        parts.add("every selected item clearly visible");
        return String.join(", ", parts);
    }

    private static String imageOrder(int itemCount) {
        int n = Math.max(itemCount, 1);
        String items = n == 1 ? "image 2 is the 1 selected clothing or accessory item"
                : "images 2 to " + (n + 1) + " are the " + n + " selected clothing or accessory items, in that order";
        return "Reference images: image 1 is the person composite (the same person shown in three views); "
                + items + ", following the person composite.";
    }

    static String templateText(int itemCount, String scene, String activity, String composition, String lighting,
            String expression, String mood, String prompt) {
        int n = Math.max(itemCount, 1);
        String all = n == 1 ? "the selected item" : "all " + n + " selected items";
        List<String> lines = new ArrayList<>();
        lines.add("Edit the provided reference image(s) to create one photorealistic virtual try-on photograph.");
        lines.add(imageOrder(itemCount));
        lines.add("Identity: keep the exact same person from the person composite: same face, facial features, skin tone, "
                + "hair style and color, body shape and proportions. Do not beautify, age, slim or otherwise alter the person's identity.");
        lines.add("Wardrobe and accessories: dress the person in " + all + ", each reproduced faithfully from its reference image: "
                + "same color, pattern, print, fabric texture, cut, length, logos, stitching and hardware. "
                + "Worn or carried as the item is meant to be used, with a realistic fit that follows the body. "
                + "Do not add, remove or redesign items; keep any other clothing plain and neutral so the selected items stay the focus.");
        lines.add("Scene: " + sentence(scene));
        lines.add("Pose and activity: " + sentence(activity));
        lines.add("Composition: " + sentence(composition));
        lines.add("Lighting: " + sentence(lighting));
        lines.add("Expression: " + sentence(expression));
        lines.add("Mood: " + sentence(mood));
        lines.add("Integration: fabric drapes, folds and stretches naturally with the pose and gravity; shadows, reflections, "
                + "perspective, scale and color temperature of the person and the items match the scene, with natural contact with the ground.");
        lines.add("Photorealism: a single coherent photograph with natural skin texture, true-to-life colors and sharp focus on the person "
                + "and the items; no text, watermark, collage, split frame, extra people in focus, extra limbs or distorted hands.");
        if (prompt != null) {
            lines.add("Additional instruction: " + sentence(prompt));
        }
        return String.join("\n", lines);
    }

    static String presetText(Preset preset, int itemCount, String prompt) {
        List<String> lines = new ArrayList<>();
        lines.add(preset.text().strip());
        // The gallery text is generic about images; the server adds which image is which.
        lines.add(imageOrder(itemCount));
        if (prompt != null) {
            lines.add("Additional instruction: " + sentence(prompt));
        }
        return String.join("\n", lines);
    }

    /** Stripped value, null when absent or blank; a value over {@code max} is recorded against {@code field}. */
    private static String bounded(FieldErrors errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.add(field, field + " must be at most " + max + " characters");
            return null;
        }
        return v;
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String trimEnd(String s) {
        String t = s.strip();
        while (!t.isEmpty() && ".;,".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).stripTrailing();
        }
        return t;
    }

    /** One sentence ending in a single terminal mark, whatever punctuation the user typed. */
    private static String sentence(String s) {
        String t = trimEnd(s);
        return t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
}
