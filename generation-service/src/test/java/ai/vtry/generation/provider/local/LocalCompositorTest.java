package ai.vtry.generation.provider.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;

class LocalCompositorTest {

    private static BufferedImage solid(Color color, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Left half one colour, right half another: shows whether a panel was mirrored. */
    private static BufferedImage halves(Color left, Color right) {
        BufferedImage image = solid(left, 400, 600);
        Graphics2D g = image.createGraphics();
        g.setColor(right);
        g.fillRect(200, 0, 200, 600);
        g.dispose();
        return image;
    }

    private static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }

    private static int panelX(int panel, double fraction) {
        return (int) (panel * LocalCompositor.PANEL_WIDTH + LocalCompositor.PANEL_WIDTH * fraction);
    }

    @Test
    void threeReferencesFillThreePanelsInOrder() {
        BufferedImage out = LocalCompositor.personComposite(
                List.of(solid(Color.RED, 300, 500), solid(Color.GREEN, 800, 600), solid(Color.BLUE, 200, 900)), "p");
        assertEquals(3 * LocalCompositor.PANEL_WIDTH, out.getWidth());
        assertEquals(LocalCompositor.PANEL_HEIGHT + LocalCompositor.BAND_HEIGHT, out.getHeight());
        int y = LocalCompositor.PANEL_HEIGHT / 2;
        assertEquals(Color.RED, at(out, panelX(0, 0.5), y));
        assertEquals(Color.GREEN, at(out, panelX(1, 0.5), y));
        assertEquals(Color.BLUE, at(out, panelX(2, 0.5), y));
    }

    @Test
    void oneReferenceGivesTheViewThenItsMirrorThenACloserCrop() {
        BufferedImage out = LocalCompositor.personComposite(List.of(halves(Color.RED, Color.BLUE)), "p");
        int y = LocalCompositor.PANEL_HEIGHT / 2;
        assertEquals(Color.RED, at(out, panelX(0, 0.25), y));
        assertEquals(Color.BLUE, at(out, panelX(0, 0.75), y));
        assertEquals(Color.BLUE, at(out, panelX(1, 0.25), y), "second panel is mirrored");
        assertEquals(Color.RED, at(out, panelX(1, 0.75), y));
        assertEquals(Color.RED, at(out, panelX(2, 0.25), y), "third panel is not mirrored");
    }

    @Test
    void twoReferencesRepeatTheFirstMirrored() {
        BufferedImage out = LocalCompositor.personComposite(
                List.of(halves(Color.RED, Color.BLUE), solid(Color.GREEN, 400, 600)), "p");
        int y = LocalCompositor.PANEL_HEIGHT / 2;
        assertEquals(Color.GREEN, at(out, panelX(1, 0.5), y));
        assertEquals(Color.BLUE, at(out, panelX(2, 0.25), y));
        assertEquals(Color.RED, at(out, panelX(2, 0.75), y));
    }

    @Test
    void deterministicAndThePromptShowsInTheBand() {
        List<BufferedImage> refs = List.of(solid(Color.ORANGE, 300, 400));
        byte[] first = LocalCompositor.encode(LocalCompositor.personComposite(refs, "studio"), ImageFormat.PNG);
        byte[] again = LocalCompositor.encode(LocalCompositor.personComposite(refs, "studio"), ImageFormat.PNG);
        byte[] other = LocalCompositor.encode(LocalCompositor.personComposite(refs, "street"), ImageFormat.PNG);
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void providerDecodesInputsAndEncodesTheRequestedFormat() {
        ImageTask task = new ImageTask("req_1", JobKind.PERSON_COMPOSE, "NanoBanana", "p",
                List.of(TestImages.jpeg(300, 450, Color.PINK), TestImages.png(200, 300, Color.CYAN)),
                Map.of("outputFormat", "png"), null);
        Outcome.Done done = (Outcome.Done) LocalProvider.render(task);
        Outcome.GeneratedImage image = done.images().get(0);
        assertEquals(ImageFormat.PNG, image.format());
        BufferedImage decoded = LocalCompositor.decode(image.bytes());
        assertEquals(image.width(), decoded.getWidth());
        assertEquals(image.height(), decoded.getHeight());
        assertTrue(image.bytes().length > 1000);
    }

    @Test
    void theComposeBandDecodesToThePromptsHash() {
        BufferedImage out = LocalCompositor.personComposite(List.of(solid(Color.ORANGE, 300, 400)), "studio");
        assertEquals(CaptionBands.expected("studio"), CaptionBands.read(out, LocalCompositor.PANEL_HEIGHT, LocalCompositor.BAND_HEIGHT));
        BufferedImage street = LocalCompositor.personComposite(List.of(solid(Color.ORANGE, 300, 400)), "street");
        assertEquals(CaptionBands.expected("street"), CaptionBands.read(street, LocalCompositor.PANEL_HEIGHT, LocalCompositor.BAND_HEIGHT));
    }

    @Test
    void theProviderAnswersInvalidInputInsteadOfThrowing() {
        LocalGenerationTest.assertInvalid(new ImageTask("r", JobKind.PERSON_COMPOSE, "NanoBanana", "p", List.of(), Map.of(), null),
                "at least one reference");
        LocalGenerationTest.assertInvalid(new ImageTask("r", JobKind.PERSON_COMPOSE, "NanoBanana", "p",
                List.of(TestImages.png(20, 30, Color.RED), "GIF89a?".getBytes()), Map.of(), null), "Input 2 (reference 2)");
        LocalGenerationTest.assertInvalid(new ImageTask("r", JobKind.CLOTHES_EXTRACT, "NanoBanana", "p",
                List.of("nope".getBytes()), Map.of(), null), "Input 1 (the garment picture)");
        LocalGenerationTest.assertInvalid(new ImageTask("r", JobKind.CLOTHES_EXTRACT, "NanoBanana", "p",
                List.of(TestImages.png(20, 30, Color.RED)), Map.of("resolution", "3K"), null), "resolution must be");
        Outcome upload = LocalProvider.render(new ImageTask("r", JobKind.CLOTHES_UPLOAD, "NanoBanana", "p", List.of(), Map.of(), null));
        assertEquals("unsupportedKind", ((Outcome.Failed) upload).code());
    }

    @Test
    void undecodableInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalCompositor.decode("not an image".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> LocalCompositor.personComposite(List.of(), "p"));
    }
}
