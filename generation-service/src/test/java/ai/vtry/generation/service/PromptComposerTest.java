package ai.vtry.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.error.ApiException;

class PromptComposerTest {

    private static final PresetCatalog CATALOG = new PresetCatalog(PresetCatalog.readResource(PresetCatalog.RESOURCE));
    private final PromptComposer composer = new PromptComposer(CATALOG);

    private static PromptRequest template(String scene, String activity, String composition, String prompt) {
        return new PromptRequest(null, prompt, null, null, scene, activity, composition, null, null, null, null, null, 1);
    }

    private static PromptRequest preset(String mode, String id, String title, String prompt) {
        return new PromptRequest(mode, prompt, id, title, null, null, null, null, null, null, null, null, 2);
    }

    private static PromptRequest raw(String mode, String prompt) {
        return new PromptRequest(mode, prompt, null, null, null, null, null, null, null, null, null, null, 1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<String>> fieldErrors(PromptRequest r) {
        ApiException e = assertThrows(ApiException.class, () -> composer.compose(r));
        assertEquals(400, e.status());
        assertEquals("validationFailed", e.code());
        return (Map<String, List<String>>) e.details().get("fields");
    }

    @Test
    void templateIsTheDefaultAndUsesEveryField() {
        ComposedPrompt p = composer.compose(new PromptRequest(null, "premium editorial look, item clearly visible",
                null, null, "modern hotel lobby with warm daylight", "walking toward camera while carrying the selected bag",
                "full-body head-to-toe shot", null, null, "warm window light", "confident smile", "upbeat", 3));
        assertEquals(PromptMode.TEMPLATE, p.mode());
        assertNull(p.presetId());
        String t = p.text();
        assertTrue(t.startsWith("Edit the provided reference image(s)"), t);
        assertTrue(t.contains("Scene: modern hotel lobby with warm daylight."), t);
        assertTrue(t.contains("Pose and activity: walking toward camera while carrying the selected bag."), t);
        assertTrue(t.contains("Composition: full-body head-to-toe shot, every selected item clearly visible."), t);
        assertTrue(t.contains("Lighting: warm window light."), t);
        assertTrue(t.contains("Expression: confident smile."), t);
        assertTrue(t.contains("Mood: upbeat."), t);
        // Three items: the provider is told how many and where they are.
        assertTrue(t.contains("images 2 to 4 are the 3 selected clothing or accessory items, in that order"), t);
        assertTrue(t.contains("all 3 selected items"), t);
        assertTrue(t.contains("Identity: keep the exact same person"), t);
        assertTrue(t.contains("Integration:"), t);
        assertTrue(t.contains("Photorealism:"), t);
        assertTrue(t.endsWith("Additional instruction: premium editorial look, item clearly visible."), t);
    }

    @Test
    void templateFallsBackToDefaultsWhenFieldsAreAbsentOrBlank() {
        String t = composer.compose(template(null, "  ", null, null)).text();
        assertTrue(t.contains("Scene: " + PromptComposer.DEFAULT_SCENE + "."), t);
        assertTrue(t.contains("Pose and activity: " + PromptComposer.DEFAULT_ACTIVITY + "."), t);
        assertTrue(t.contains("Composition: " + PromptComposer.DEFAULT_COMPOSITION + "."), t);
        assertTrue(t.contains("Lighting: " + PromptComposer.DEFAULT_LIGHTING + "."), t);
        assertTrue(t.contains("Expression: " + PromptComposer.DEFAULT_EXPRESSION + "."), t);
        assertTrue(t.contains("Mood: " + PromptComposer.DEFAULT_MOOD + "."), t);
        assertTrue(t.contains("image 2 is the 1 selected clothing or accessory item"), t);
        assertFalse(t.contains("Additional instruction"), t);
    }

    @Test
    void cameraAngleAndDistanceBuildTheFramingWithoutComposition() {
        String t = composer.compose(new PromptRequest("template", null, null, null, null, null, null,
                "low angle", "medium", null, null, null, 1)).text();
        assertTrue(t.contains("Composition: camera distance: medium, camera angle: low angle, every selected item clearly visible."), t);
        assertFalse(t.contains(PromptComposer.DEFAULT_COMPOSITION), t);
    }

    @Test
    void userPunctuationDoesNotDoubleUp() {
        String t = composer.compose(template("a ski resort terrace.", null, null, "make it snow!")).text();
        assertTrue(t.contains("Scene: a ski resort terrace.\n"), t);
        assertTrue(t.endsWith("Additional instruction: make it snow!"), t);
    }

    @Test
    void presetByIdUsesTheGalleryTextThenTheInstruction() {
        ComposedPrompt p = composer.compose(preset("preset", "city-walk-pose", null, "show a relaxed city walk"));
        assertEquals(PromptMode.PRESET, p.mode());
        assertEquals("city-walk-pose", p.presetId());
        assertTrue(p.text().startsWith(CATALOG.byId("city-walk-pose").orElseThrow().text()), p.text());
        assertTrue(p.text().contains("images 2 to 3 are the 2 selected clothing or accessory items"), p.text());
        assertTrue(p.text().endsWith("\nAdditional instruction: show a relaxed city walk."), p.text());
    }

    @Test
    void aPresetMakesPresetTheDefaultMode() {
        ComposedPrompt p = composer.compose(preset(null, "modern-gray-studio", null, null));
        assertEquals(PromptMode.PRESET, p.mode());
        assertTrue(p.text().startsWith(CATALOG.byId("modern-gray-studio").orElseThrow().text()));
        assertFalse(p.text().contains("Additional instruction"));
    }

    @Test
    void presetByTitleIgnoresCase() {
        ComposedPrompt p = composer.compose(preset(null, null, "modern GRAY studio", null));
        assertEquals(PromptMode.PRESET, p.mode());
        assertEquals("modern-gray-studio", p.presetId());
    }

    @Test
    void rawIsThePromptAsSent() {
        ComposedPrompt p = composer.compose(raw("raw", "  A full provider prompt, kept verbatim.  "));
        assertEquals(PromptMode.RAW, p.mode());
        assertEquals("A full provider prompt, kept verbatim.", p.text());
    }

    @Test
    void sameRequestSamePrompt() {
        PromptRequest r = new PromptRequest(null, "extra", null, null, "scene", "walk", null, "eye level", null, null, null, "calm", 2);
        assertEquals(composer.compose(r), composer.compose(r));
        assertEquals(composer.compose(r), new PromptComposer(CATALOG).compose(r));
    }

    @Test
    void unknownPresetIdNamesPromptPresetId() {
        Map<String, List<String>> f = fieldErrors(preset(null, "no-such-preset", null, null));
        assertEquals(List.of("promptPresetId"), List.copyOf(f.keySet()));
        assertTrue(f.get("promptPresetId").get(0).contains("no-such-preset"));
    }

    @Test
    void unknownPresetTitleNamesPromptPresetTitle() {
        assertEquals(List.of("promptPresetTitle"), List.copyOf(fieldErrors(preset("preset", null, "Nowhere", null)).keySet()));
    }

    @Test
    void idAndTitleOfDifferentPresetsAreRejected() {
        assertEquals(List.of("promptPresetTitle"),
                List.copyOf(fieldErrors(preset(null, "city-walk-pose", "Modern Gray Studio", null)).keySet()));
    }

    @Test
    void presetModeWithoutAPresetNamesPromptPresetId() {
        assertEquals(List.of("promptPresetId"), List.copyOf(fieldErrors(preset("preset", null, "  ", "x")).keySet()));
    }

    @Test
    void aPresetOutsidePresetModeIsRejected() {
        assertEquals(List.of("promptPresetId"), List.copyOf(fieldErrors(preset("template", "city-walk-pose", null, null)).keySet()));
        assertEquals(List.of("promptPresetTitle"), List.copyOf(fieldErrors(preset("raw", null, "City Walk Pose", "p")).keySet()));
    }

    @Test
    void rawWithoutPromptNamesPrompt() {
        assertEquals(List.of("prompt"), List.copyOf(fieldErrors(raw("raw", null)).keySet()));
        assertEquals(List.of("prompt"), List.copyOf(fieldErrors(raw("raw", " \n ")).keySet()));
    }

    @Test
    void unknownModeNamesPromptMode() {
        assertEquals(List.of("promptMode"), List.copyOf(fieldErrors(raw("freestyle", "x")).keySet()));
        // The reference's values are lower case.
        assertEquals(List.of("promptMode"), List.copyOf(fieldErrors(raw("RAW", "x")).keySet()));
    }

    @Test
    void overlongFieldsAreNamedAllAtOnce() {
        String big = "x".repeat(PromptComposer.MAX_FIELD + 1);
        Map<String, List<String>> f = fieldErrors(new PromptRequest(null, null, null, null, big, big, big, big, big, big, big, big, 1));
        assertEquals(List.of("scene", "activity", "composition", "cameraAngle", "cameraDistance", "lighting", "expression", "mood"),
                List.copyOf(f.keySet()));
        assertEquals("scene must be at most 1000 characters", f.get("scene").get(0));
        // A field at the limit is fine; the prompt has its own, larger one.
        composer.compose(template("x".repeat(PromptComposer.MAX_FIELD), null, null, "y".repeat(PromptComposer.MAX_PROMPT)));
        assertEquals(List.of("prompt"),
                List.copyOf(fieldErrors(raw("raw", "y".repeat(PromptComposer.MAX_PROMPT + 1))).keySet()));
        assertEquals(List.of("promptPresetId"), List.copyOf(fieldErrors(preset("preset", big, null, null)).keySet()));
    }
}
