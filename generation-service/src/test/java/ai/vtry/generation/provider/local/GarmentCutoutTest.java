package ai.vtry.generation.provider.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;

class GarmentCutoutTest {

    private static final Color STUDIO_GREY = new Color(0xF0F0F0);
    private static final Color SHIRT_RED = new Color(0xC0392B);

    /** A product photo: a red shirt on light grey, with a print in the background's colour and a dust speck. */
    private static BufferedImage productPhoto() {
        BufferedImage photo = new BufferedImage(400, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(STUDIO_GREY);
        g.fillRect(0, 0, 400, 600);
        g.setColor(SHIRT_RED);
        g.fillRect(120, 150, 160, 300); // body
        g.fillRect(80, 150, 40, 90); // sleeves
        g.fillRect(280, 150, 40, 90);
        g.setColor(STUDIO_GREY);
        g.fillRect(170, 250, 60, 40); // a print the colour of the background, enclosed by the shirt
        g.setColor(Color.BLACK);
        g.fillRect(30, 40, 3, 3); // dust
        g.dispose();
        return photo;
    }

    private static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }

    private static boolean near(Color expected, Color actual, int tolerance) {
        return Math.abs(expected.getRed() - actual.getRed()) <= tolerance
                && Math.abs(expected.getGreen() - actual.getGreen()) <= tolerance
                && Math.abs(expected.getBlue() - actual.getBlue()) <= tolerance;
    }

    @Test
    void findsTheBackgroundAndTheGarmentsBoxIgnoringSpecks() {
        GarmentCutout.Result result = GarmentCutout.extract(productPhoto(), 1024);
        assertEquals("#f0f0f0", result.backgroundHex());
        assertEquals(80, result.x());
        assertEquals(150, result.y());
        assertEquals(240, result.width());
        assertEquals(300, result.height());
    }

    @Test
    void placesTheGarmentCentredOnAWhiteSquare() {
        BufferedImage out = GarmentCutout.extract(productPhoto(), 1024).image();
        assertEquals(1024, out.getWidth());
        assertEquals(1024, out.getHeight());
        // the garment's height fills the room inside the margins: 300 px become 1024 * 0.88
        int room = (int) Math.round(1024 * (1 - 2 * GarmentCutout.MARGIN));
        for (int[] corner : new int[][] {{2, 2}, {1021, 2}, {2, 1021}, {1021, 1021}}) {
            assertEquals(Color.WHITE, at(out, corner[0], corner[1]), "corner " + corner[0] + "," + corner[1]);
        }
        int top = (1024 - room) / 2;
        assertEquals(Color.WHITE, at(out, 512, top - 4), "margin above the garment");
        assertTrue(near(SHIRT_RED, at(out, 512, top + 20), 12), "the shirt's top edge starts the room: " + at(out, 512, top + 20));
        assertTrue(near(SHIRT_RED, at(out, 512, 900), 12), "body");
        // the print is kept in its own colour: the background-coloured hole was filled, not cut out
        double scale = room / 300.0;
        int printX = (int) Math.round((1024 - 240 * scale) / 2 + (200 - 80) * scale);
        int printY = (int) Math.round(top + (270 - 150) * scale);
        assertTrue(near(STUDIO_GREY, at(out, printX, printY), 6), "print " + at(out, printX, printY));
        // left of the left sleeve is white canvas, not the grey studio
        int left = (int) Math.round((1024 - 240 * scale) / 2);
        assertEquals(Color.WHITE, at(out, left - 6, top + 30));
    }

    @Test
    void isDeterministic() {
        byte[] first = LocalCompositor.encode(GarmentCutout.extract(productPhoto(), 512).image(), ImageFormat.PNG);
        byte[] again = LocalCompositor.encode(GarmentCutout.extract(productPhoto(), 512).image(), ImageFormat.PNG);
        assertArrayEquals(first, again);
    }

    @Test
    void aPictureWithNothingOnItIsKeptWhole() {
        BufferedImage plain = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = plain.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        GarmentCutout.Result result = GarmentCutout.extract(plain, 256);
        assertEquals(0, result.x());
        assertEquals(300, result.width());
        assertEquals(200, result.height());
        assertTrue(near(Color.ORANGE, at(result.image(), 128, 128), 4));
        assertEquals(Color.WHITE, at(result.image(), 128, 20), "a wide picture leaves white above it");
    }

    @Test
    void aGarmentOnADarkBackgroundIsCutOutToo() {
        BufferedImage photo = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(0x202020));
        g.fillRect(0, 0, 300, 300);
        g.setColor(new Color(0xF5F5DC));
        g.fillOval(100, 60, 100, 180);
        g.dispose();
        GarmentCutout.Result result = GarmentCutout.extract(photo, 256);
        assertEquals("#202020", result.backgroundHex());
        assertTrue(Math.abs(result.x() - 100) <= 1 && Math.abs(result.width() - 100) <= 2, result.toString());
        assertEquals(Color.WHITE, at(result.image(), 4, 128), "the dark studio is gone");
    }

    @Test
    void theProviderExtractsAtTheRequestedResolution() {
        ImageTask task = new ImageTask("req_x", JobKind.CLOTHES_EXTRACT, "NanoBanana2", "extract",
                List.of(LocalCompositor.encode(productPhoto(), ImageFormat.PNG)), Map.of("resolution", "2K"), null);
        Outcome.Done done = (Outcome.Done) LocalProvider.render(task);
        Outcome.GeneratedImage image = done.images().get(0);
        assertEquals(ImageFormat.JPEG, image.format());
        assertEquals(2048, image.width());
        assertEquals(2048, image.height());
        assertEquals("#f0f0f0", done.details().get("background"));
    }
}
