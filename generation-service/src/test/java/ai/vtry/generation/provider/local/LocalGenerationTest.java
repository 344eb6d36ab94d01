package ai.vtry.generation.provider.local;

import static ai.vtry.generation.provider.local.Pictures.PERSON_GREEN;
import static ai.vtry.generation.provider.local.Pictures.count;
import static ai.vtry.generation.provider.local.Pictures.done;
import static ai.vtry.generation.provider.local.Pictures.generation;
import static ai.vtry.generation.provider.local.Pictures.isBlue;
import static ai.vtry.generation.provider.local.Pictures.isRed;
import static ai.vtry.generation.provider.local.Pictures.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;

class LocalGenerationTest {

    private static final String PROMPT = "The person wears the red shirt and the blue jeans, studio light, full body";

    private static BufferedImage only(Outcome outcome) {
        Outcome.Done done = done(outcome);
        assertEquals(1, done.images().size());
        return LocalCompositor.decode(done.images().get(0).bytes());
    }

    @ParameterizedTest(name = "{0} clothes")
    @ValueSource(ints = {1, 2, 7})
    void anyNumberOfClothesMakesADefaultPortraitCarryingThePromptsHash(int clothes) {
        Outcome.Done done = done(LocalProvider.render(generation(PROMPT, clothes, Map.of())));
        Outcome.GeneratedImage image = done.images().get(0);
        assertEquals(ImageFormat.JPEG, image.format());
        assertEquals(768, image.width(), "no aspectRatio: 3:4 at 1K");
        assertEquals(1024, image.height());
        BufferedImage decoded = LocalCompositor.decode(image.bytes());
        assertEquals(768, decoded.getWidth());
        assertEquals(1024, decoded.getHeight());
        assertEquals(CaptionBands.expected(PROMPT), CaptionBands.readCaption(decoded));
        assertEquals(Map.of("provider", "local", "aspectRatio", "3:4", "items", clothes, "variants", 1), done.details());
        // the first garment (red) is on the sheet whatever the count
        assertTrue(count(decoded, 0, 0, 768, 960, Pictures::isRed) > 500, "red garment pixels");
    }

    @Test
    void theSameTaskGivesTheSameBytesAndAnotherPromptAnotherBand() {
        byte[] first = done(LocalProvider.render(generation(PROMPT, 2, Map.of()))).images().get(0).bytes();
        byte[] again = done(LocalProvider.render(generation(PROMPT, 2, Map.of()))).images().get(0).bytes();
        assertArrayEquals(first, again);
        String other = "The person wears the red shirt and the blue jeans, on a beach";
        BufferedImage otherImage = only(LocalProvider.render(generation(other, 2, Map.of())));
        assertEquals(CaptionBands.expected(other), CaptionBands.readCaption(otherImage));
        assertNotEquals(CaptionBands.expected(PROMPT), CaptionBands.readCaption(otherImage));
    }

    @Test
    void fourVariantsAreFourDifferentImagesOfOneSize() {
        Outcome.Done done = done(LocalProvider.render(generation(PROMPT, 3, Map.of("numImages", 4, "aspectRatio", "4:5"))));
        assertEquals(4, done.images().size());
        assertEquals(4, done.details().get("variants"));
        List<Integer> corners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Outcome.GeneratedImage image = done.images().get(i);
            assertEquals(819, image.width());
            assertEquals(1024, image.height());
            BufferedImage decoded = LocalCompositor.decode(image.bytes());
            assertEquals(CaptionBands.expected(PROMPT), CaptionBands.readCaption(decoded), "variant " + i);
            corners.add(decoded.getRGB(4, 4) & 0xFFFFFF);
            for (int j = 0; j < i; j++) {
                assertFalse(Arrays.equals(image.bytes(), done.images().get(j).bytes()), "variant " + i + " = " + j);
            }
        }
        assertEquals(4, corners.stream().distinct().count(), "each variant has its own background: " + corners);
    }

    @Test
    void landscapePutsThePersonLeftAndTheGarmentsRight() {
        BufferedImage out = only(LocalProvider.render(generation(PROMPT, 2, Map.of("aspectRatio", "16:9"))));
        assertEquals(1024, out.getWidth());
        assertEquals(576, out.getHeight());
        int scene = 576 - 64;
        assertTrue(near(PERSON_GREEN, out.getRGB(1024 * 15 / 100, scene / 2), 30), "the person's front view on the left");
        assertEquals(0, count(out, 0, 0, 1024, scene, rgb -> near(Color.MAGENTA, rgb, 60)), "the other panels stay out");
        assertTrue(count(out, 1024 * 4 / 10, 0, 1024, scene, Pictures::isRed) > 2000, "red garment on the right");
        assertTrue(count(out, 1024 * 4 / 10, 0, 1024, scene, Pictures::isBlue) > 2000, "blue garment on the right");
        assertEquals(0, count(out, 0, 0, 1024 / 3, scene, Pictures::isRed), "no garment over the person");
    }

    @Test
    void portraitLaysTheGarmentsOverTheLowerPartOfThePerson() {
        BufferedImage out = only(LocalProvider.render(generation(PROMPT, 7, Map.of("aspectRatio", "9:16"))));
        assertEquals(576, out.getWidth());
        assertEquals(1024, out.getHeight());
        int scene = 1024 - 64;
        assertTrue(near(PERSON_GREEN, out.getRGB(576 / 2, scene / 4), 30), "the person fills the upper part");
        assertTrue(count(out, 0, scene * 6 / 10, 576, scene, Pictures::isRed) > 500, "red garment at the bottom");
        assertTrue(count(out, 0, scene * 6 / 10, 576, scene, Pictures::isBlue) > 500, "blue garment at the bottom");
        assertEquals(0, count(out, 0, 0, 576, scene / 2, Pictures::isRed), "nothing over the upper body");
        assertTrue(count(out, 0, scene * 6 / 10, 576, scene, rgb -> near(PERSON_GREEN, rgb, 30)) > 500,
                "the garments overlap the person, who still shows between them");
    }

    @Test
    void aSinglePortraitIsUsedWhole() {
        ImageTask sheet = generation(PROMPT, 1, Map.of("aspectRatio", "1:1"));
        List<byte[]> images = new ArrayList<>(sheet.images());
        images.set(0, LocalCompositor.encode(Pictures.solid(Color.ORANGE, 600, 900), ImageFormat.PNG));
        BufferedImage out = only(LocalProvider.render(new ImageTask("req_p", JobKind.GENERATION, "NanoBanana2", PROMPT,
                images, sheet.options(), null)));
        assertTrue(near(Color.ORANGE, out.getRGB(1024 / 4, 960 / 2), 30));
    }

    @Test
    void everyRatioAndResolutionOptionIsHonoured() {
        BufferedImage wide = only(LocalProvider.render(generation(PROMPT, 3, Map.of("aspectRatio", "21:9", "resolution", "2K"))));
        assertEquals(2048, wide.getWidth());
        assertEquals(878, wide.getHeight());
        assertEquals(CaptionBands.expected(PROMPT), CaptionBands.readCaption(wide));
        Outcome.Done tall = done(LocalProvider.render(generation(PROMPT, 1, Map.of("aspectRatio", "auto", "outputFormat", "png"))));
        assertEquals(ImageFormat.PNG, tall.images().get(0).format());
        assertEquals("3:4", tall.details().get("aspectRatio"));
        assertEquals(0x89, tall.images().get(0).bytes()[0] & 0xFF);
    }

    @Test
    void emptyAndVeryLongPromptsStillCaption() {
        BufferedImage empty = only(LocalProvider.render(generation("", 1, Map.of())));
        assertEquals(CaptionBands.expected(""), CaptionBands.readCaption(empty));
        String longPrompt = "word ".repeat(400);
        BufferedImage longOne = only(LocalProvider.render(generation(longPrompt, 1, Map.of("aspectRatio", "9:16"))));
        assertEquals(CaptionBands.expected(longPrompt), CaptionBands.readCaption(longOne));
    }

    @Test
    void invalidInputFailsForGoodWithAReadableMessage() {
        assertInvalid(new ImageTask("r", JobKind.GENERATION, "m", "p", List.of(), Map.of(), null), "person composite");
        assertInvalid(generation(PROMPT, 0, Map.of()), "1 to 7 clothes");
        assertInvalid(generation(PROMPT, 8, Map.of()), "got 9 images");
        ImageTask task = generation(PROMPT, 2, Map.of());
        List<byte[]> broken = new ArrayList<>(task.images());
        broken.set(2, "not an image".getBytes());
        assertInvalid(new ImageTask("r", JobKind.GENERATION, "m", "p", broken, Map.of(), null), "Input 3 (cloth 2)");
        broken.set(2, new byte[0]);
        assertInvalid(new ImageTask("r", JobKind.GENERATION, "m", "p", broken, Map.of(), null), "is empty");
        broken.set(2, Arrays.copyOf(task.images().get(2), 200)); // a truncated JPEG
        Outcome truncated = LocalProvider.render(new ImageTask("r", JobKind.GENERATION, "m", "p", broken, Map.of(), null));
        assertTrue(truncated instanceof Outcome.Done || truncated instanceof Outcome.Failed f && f.code().equals("invalidInput"),
                "a truncated input either decodes partially or is invalid, never an exception: " + truncated);
        assertInvalid(generation(PROMPT, 1, Map.of("aspectRatio", "7:3")), "aspectRatio must be");
        assertInvalid(generation(PROMPT, 1, Map.of("resolution", "8K")), "resolution must be");
        for (Object n : List.of(0, 5, "two", 2.5, -1)) {
            Map<String, Object> options = new HashMap<>();
            options.put("numImages", n);
            assertInvalid(generation(PROMPT, 1, options), "numImages");
        }
        assertEquals(2, done(LocalProvider.render(generation(PROMPT, 1, Map.of("numImages", "2")))).images().size());
    }

    static void assertInvalid(ImageTask task, String messagePart) {
        Outcome outcome = LocalProvider.render(task);
        Outcome.Failed failed = assertInstanceOfFailed(outcome);
        assertEquals("invalidInput", failed.code());
        assertFalse(failed.retryable());
        assertTrue(failed.message().contains(messagePart), failed.message());
    }

    private static Outcome.Failed assertInstanceOfFailed(Outcome outcome) {
        if (outcome instanceof Outcome.Failed failed) {
            return failed;
        }
        throw new AssertionError("expected Failed, got " + outcome);
    }
}
