package ai.vtry.generation.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputShapeTest {

    @ParameterizedTest(name = "{0} at {1} is {2}x{3}")
    @CsvSource({
            "21:9, 1K, 1024, 439",
            "21:9, 2K, 2048, 878",
            "21:9, 4K, 4096, 1755",
            "16:9, 1K, 1024, 576",
            "16:9, 2K, 2048, 1152",
            "16:9, 4K, 4096, 2304",
            "3:2, 1K, 1024, 683",
            "3:2, 2K, 2048, 1365",
            "3:2, 4K, 4096, 2731",
            "4:3, 1K, 1024, 768",
            "4:3, 2K, 2048, 1536",
            "4:3, 4K, 4096, 3072",
            "5:4, 1K, 1024, 819",
            "5:4, 2K, 2048, 1638",
            "5:4, 4K, 4096, 3277",
            "1:1, 1K, 1024, 1024",
            "1:1, 2K, 2048, 2048",
            "1:1, 4K, 4096, 4096",
            "4:5, 1K, 819, 1024",
            "4:5, 2K, 1638, 2048",
            "4:5, 4K, 3277, 4096",
            "3:4, 1K, 768, 1024",
            "3:4, 2K, 1536, 2048",
            "3:4, 4K, 3072, 4096",
            "2:3, 1K, 683, 1024",
            "2:3, 2K, 1365, 2048",
            "2:3, 4K, 2731, 4096",
            "9:16, 1K, 576, 1024",
            "9:16, 2K, 1152, 2048",
            "9:16, 4K, 2304, 4096"})
    void everyRatioAtEveryResolution(String ratio, String resolution, int width, int height) {
        OutputShape shape = OutputShape.of(ratio, resolution, OutputShape.GENERATION_DEFAULT);
        assertEquals(width, shape.width());
        assertEquals(height, shape.height());
        assertEquals(ratio, shape.aspectRatio());
        int rw = Integer.parseInt(ratio.split(":")[0]);
        int rh = Integer.parseInt(ratio.split(":")[1]);
        // the short side is the exact one rounded: within half a pixel
        double exact = rw >= rh ? (double) width * rh / rw : (double) height * rw / rh;
        assertTrue(Math.abs((rw >= rh ? height : width) - exact) <= 0.5, shape + " vs " + exact);
        assertEquals(rw >= rh, shape.landscape());
        assertEquals(Math.max(width, height) / 16, shape.captionHeight());
    }

    @Test
    void everyListedRatioIsInTheTable() {
        assertEquals(10, OutputShape.ASPECT_RATIOS.size());
        for (String ratio : OutputShape.ASPECT_RATIOS) {
            assertEquals(ratio, OutputShape.of(ratio, "2K", "1:1").aspectRatio());
        }
    }

    @Test
    void autoAndAbsentTakeTheCallersDefaultAtOneK() {
        assertEquals(new OutputShape("3:4", 768, 1024), OutputShape.of(null, null, OutputShape.GENERATION_DEFAULT));
        assertEquals(new OutputShape("3:4", 768, 1024), OutputShape.of("auto", "1K", OutputShape.GENERATION_DEFAULT));
        assertEquals(new OutputShape("3:4", 768, 1024), OutputShape.of(" AUTO ", "", OutputShape.GENERATION_DEFAULT));
        assertEquals(new OutputShape("16:9", 2048, 1152), OutputShape.of("auto", "2k", "16:9"));
        assertEquals(new OutputShape("9:16", 576, 1024), OutputShape.of("9:16", null, OutputShape.GENERATION_DEFAULT));
        assertEquals(64, OutputShape.of(null, null, "3:4").captionHeight());
        assertEquals(1024 - 64, OutputShape.of(null, null, "3:4").sceneHeight());
    }

    @Test
    void unknownRatiosAndResolutionsAreRefusedWithTheAllowedValues() {
        IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class,
                () -> OutputShape.of("7:3", "1K", OutputShape.GENERATION_DEFAULT));
        assertTrue(ratio.getMessage().contains("21:9") && ratio.getMessage().contains("7:3"), ratio.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputShape.of("wide", "1K", OutputShape.GENERATION_DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> OutputShape.of("0:0", "1K", OutputShape.GENERATION_DEFAULT));
        IllegalArgumentException resolution = assertThrows(IllegalArgumentException.class,
                () -> OutputShape.of("1:1", "8K", OutputShape.GENERATION_DEFAULT));
        assertTrue(resolution.getMessage().contains("1K, 2K or 4K"), resolution.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputShape.longSide("1024"));
    }

    @Test
    void theNearestListedRatio() {
        assertEquals("3:2", OutputShape.nearestRatio(600, 400));
        assertEquals("16:9", OutputShape.nearestRatio(1920, 1080));
        assertEquals("1:1", OutputShape.nearestRatio(1000, 1010));
        assertEquals("3:4", OutputShape.nearestRatio(300, 400));
        assertEquals("9:16", OutputShape.nearestRatio(400, 1000));
        assertEquals("21:9", OutputShape.nearestRatio(4000, 1000));
        assertFalse(OutputShape.of("1:1", null, "1:1").aspectRatio().equals("auto"));
    }
}
