package ai.vtry.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The shipped gallery file and the checks that stop start-up on a broken one. */
class PresetCatalogTest {

    private static final PresetCatalog CATALOG = new PresetCatalog(PresetCatalog.readResource(PresetCatalog.RESOURCE));

    @Test
    void shipsAtLeastTwelvePresetsInFiveCategories() {
        assertTrue(CATALOG.presets().size() >= 12, "presets: " + CATALOG.presets().size());
        assertTrue(CATALOG.categories().size() >= 5, "categories: " + CATALOG.categories().size());
    }

    @Test
    void idsAreUniqueKebabCaseAndTextsAreRealInstructions() {
        Set<String> ids = new HashSet<>();
        for (Preset p : CATALOG.presets()) {
            assertTrue(ids.add(p.id()), "duplicate id " + p.id());
            assertTrue(p.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), p.id());
            assertFalse(p.title().isBlank(), p.id());
            assertFalse(p.category().isBlank(), p.id());
            assertTrue(p.text().startsWith("Edit the provided reference image(s)"), p.id());
            // A production prompt covers identity and photorealism, not a one-liner.
            assertTrue(p.text().length() > 400, p.id() + " is too short");
            assertTrue(p.text().toLowerCase().contains("identity") || p.text().contains("same person"), p.id());
            assertTrue(p.text().toLowerCase().contains("photorealistic"), p.id());
        }
    }

    @Test
    void theReferenceIdsArePresent() {
        assertEquals("Modern Gray Studio", CATALOG.byId("modern-gray-studio").orElseThrow().title());
        assertEquals("Studio Fashion", CATALOG.byId("modern-gray-studio").orElseThrow().category());
        assertEquals("Street Style", CATALOG.byId("city-walk-pose").orElseThrow().category());
    }

    @Test
    void looksUpByTitleIgnoringCase() {
        assertEquals("city-walk-pose", CATALOG.byTitle("  city WALK pose ").orElseThrow().id());
        assertTrue(CATALOG.byTitle("No Such Preset").isEmpty());
        assertTrue(CATALOG.byId("no-such-preset").isEmpty());
        assertTrue(CATALOG.byId(null).isEmpty());
    }

    @Test
    void categoriesKeepFirstAppearanceOrderAndHoldEveryPresetOnce() {
        List<String> firstSeen = CATALOG.presets().stream().map(Preset::category).distinct().toList();
        assertEquals(firstSeen, CATALOG.categories().stream().map(PresetCatalog.Category::name).toList());
        assertEquals(CATALOG.presets().size(), CATALOG.categories().stream().mapToInt(c -> c.presets().size()).sum());
        assertEquals("Studio Fashion", CATALOG.categories().get(0).name());
    }

    private static IllegalStateException broken(String json) {
        return assertThrows(IllegalStateException.class,
                () -> PresetCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"));
    }

    private static String preset(String id, String title, String text) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"category\":\"Studio\",\"text\":\"" + text + "\"}";
    }

    @Test
    void rejectsMalformedJson() {
        assertTrue(broken("{\"version\":1,\"presets\":[").getMessage().contains("test.json is not a valid presets file"));
    }

    @Test
    void rejectsAnotherVersionOrNoPresets() {
        assertTrue(broken("{\"version\":2,\"presets\":[" + preset("a", "A", "t") + "]}").getMessage().contains("\"version\": 1"));
        assertTrue(broken("{\"presets\":[" + preset("a", "A", "t") + "]}").getMessage().contains("\"version\": 1"));
        assertTrue(broken("{\"version\":1,\"presets\":[]}").getMessage().contains("has no presets"));
    }

    @Test
    void rejectsDuplicateIdsAndTitles() {
        String dupId = broken("{\"version\":1,\"presets\":[" + preset("a", "A", "t") + "," + preset("a", "B", "t") + "]}").getMessage();
        assertTrue(dupId.contains("preset #2 (a): duplicate id"), dupId);
        String dupTitle = broken("{\"version\":1,\"presets\":[" + preset("a", "Same", "t") + "," + preset("b", "SAME", "t") + "]}").getMessage();
        assertTrue(dupTitle.contains("duplicate title"), dupTitle);
    }

    @Test
    void rejectsEmptyTextBadIdsAndUnknownFields() {
        assertTrue(broken("{\"version\":1,\"presets\":[" + preset("a", "A", " ") + "]}").getMessage().contains("text must not be empty"));
        assertTrue(broken("{\"version\":1,\"presets\":[" + preset("Not Kebab", "A", "t") + "]}").getMessage().contains("kebab-case"));
        assertTrue(broken("{\"version\":1,\"presets\":[{\"id\":\"a\",\"title\":\"A\",\"category\":\"C\",\"txt\":\"t\"}]}")
                .getMessage().contains("not a valid presets file"));
    }

    @Test
    void acceptsAValidFile() {
        List<Preset> presets = PresetCatalog.parse(new ByteArrayInputStream(("{\"version\":1,\"presets\":[" + preset("a", "A", "t") + "]}")
                .getBytes(StandardCharsets.UTF_8)), "test.json");
        assertEquals(List.of(new Preset("a", "A", "Studio", "t")), presets);
    }
}
