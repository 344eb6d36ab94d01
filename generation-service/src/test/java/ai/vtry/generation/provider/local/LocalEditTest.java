package ai.vtry.generation.provider.local;

import static ai.vtry.generation.provider.local.LocalGenerationTest.assertInvalid;
import static ai.vtry.generation.provider.local.Pictures.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;

class LocalEditTest {

    private static final String PROMPT = "Make the jacket green";
    private static final Color GREY = new Color(0x808080);

    /** 600x400: left half grey, right half blue. */
    private static byte[] source() {
        BufferedImage image = Pictures.solid(GREY, 600, 400);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(300, 0, 300, 400);
        g.dispose();
        return LocalCompositor.encode(image, ImageFormat.PNG);
    }

    private static ImageTask edit(String prompt, Map<String, Object> options) {
        return new ImageTask("req_edit", JobKind.EDIT, "NanoBanana2", prompt, List.of(source()), options, null);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"9:16, 1K, 576, 1024", "21:9, 2K, 2048, 878", "1:1, 4K, 4096, 4096", "4:5, , 819, 1024",
            "auto, 1K, 1024, 683", ", 2K, 2048, 1365"})
    void theSourceIsReframedToTheRequestedShape(String ratio, String resolution, int width, int height) {
        Map<String, Object> options = new java.util.HashMap<>();
        options.put("aspectRatio", ratio);
        options.put("resolution", resolution);
        Outcome.Done done = done(LocalProvider.render(edit(PROMPT, options)));
        Outcome.GeneratedImage image = done.images().get(0);
        assertEquals(width, image.width());
        assertEquals(height, image.height());
        BufferedImage decoded = LocalCompositor.decode(image.bytes());
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        assertEquals(CaptionBands.expected(PROMPT), CaptionBands.readCaption(decoded));
        assertEquals(ratio == null || ratio.equals("auto") ? "3:2" : ratio, done.details().get("aspectRatio"),
                "auto keeps the listed ratio nearest the 600x400 source");
    }

    @Test
    void theSourceShowsThroughAVisiblePromptDependentTint() {
        BufferedImage out = LocalCompositor.decode(done(LocalProvider.render(edit(PROMPT, Map.of("aspectRatio", "3:2"))))
                .images().get(0).bytes());
        int scene = 683 - 64;
        Color left = new Color(out.getRGB(150, scene / 2));
        Color right = new Color(out.getRGB(1024 - 150, scene / 2));
        assertTrue(right.getBlue() > right.getRed() + 60 && right.getBlue() > right.getGreen() + 60, "still blue: " + right);
        assertTrue(Math.abs(left.getRed() - left.getGreen()) + Math.abs(left.getGreen() - left.getBlue()) > 20,
                "the grey is no longer grey: " + left);
        BufferedImage other = LocalCompositor.decode(done(LocalProvider.render(edit("Make the jacket red",
                Map.of("aspectRatio", "3:2")))).images().get(0).bytes());
        assertNotEquals(left, new Color(other.getRGB(150, scene / 2)), "another prompt, another tint");
        assertNotEquals(CaptionBands.expected("Make the jacket red"), CaptionBands.expected(PROMPT));
        assertEquals(CaptionBands.expected("Make the jacket red"), CaptionBands.readCaption(other));
    }

    @Test
    void pngWhenAskedDeterministicAndVariantsDiffer() {
        Outcome.Done done = done(LocalProvider.render(edit(PROMPT, Map.of("outputFormat", "png", "numImages", 2))));
        assertEquals(2, done.images().size());
        assertEquals(Map.of("provider", "local", "aspectRatio", "3:2", "variants", 2), done.details());
        for (Outcome.GeneratedImage image : done.images()) {
            assertEquals(ImageFormat.PNG, image.format());
            assertEquals(ImageFormat.PNG, ImageFormat.fromSignature(image.bytes(), image.bytes().length));
        }
        assertFalse(Arrays.equals(done.images().get(0).bytes(), done.images().get(1).bytes()));
        byte[] again = done(LocalProvider.render(edit(PROMPT, Map.of("outputFormat", "png", "numImages", 2)))).images().get(0).bytes();
        assertArrayEquals(done.images().get(0).bytes(), again);
        Outcome.GeneratedImage jpeg = done(LocalProvider.render(edit(PROMPT, Map.of()))).images().get(0);
        assertEquals(ImageFormat.JPEG, ImageFormat.fromSignature(jpeg.bytes(), jpeg.bytes().length));
    }

    @Test
    void invalidInputFailsForGood() {
        assertInvalid(new ImageTask("r", JobKind.EDIT, "m", "p", List.of(), Map.of(), null), "source image");
        assertInvalid(new ImageTask("r", JobKind.EDIT, "m", "p", List.of("<html>".getBytes()), Map.of(), null),
                "Input 1 (the source image) is not a decodable");
        assertInvalid(edit(PROMPT, Map.of("numImages", 9)), "numImages");
        assertInvalid(edit(PROMPT, Map.of("aspectRatio", "2:1")), "aspectRatio");
    }
}
