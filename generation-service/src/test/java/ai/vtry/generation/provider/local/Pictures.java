package ai.vtry.generation.provider.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;

/** Inputs for the local provider's tests, made on the fly. */
final class Pictures {

    static final Color SHIRT_RED = new Color(0xD01010);
    static final Color JEANS_BLUE = new Color(0x1030C0);
    static final Color PERSON_GREEN = new Color(0x10A030);

    static BufferedImage solid(Color color, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A product photo: a garment-shaped block of {@code color} on white. */
    static byte[] garment(Color color, int side) {
        BufferedImage photo = solid(Color.WHITE, side, side);
        Graphics2D g = photo.createGraphics();
        g.setColor(color);
        g.fillRect(side * 3 / 10, side / 4, side * 4 / 10, side / 2);
        g.fillRect(side / 5, side / 4, side / 10, side / 5);
        g.fillRect(side * 7 / 10, side / 4, side / 10, side / 5);
        g.dispose();
        return LocalCompositor.encode(photo, ImageFormat.JPEG);
    }

    /** The local compositor's 1x3 sheet of three references: green (the front view), magenta, cyan. */
    static byte[] personSheet() {
        BufferedImage sheet = LocalCompositor.personComposite(List.of(solid(PERSON_GREEN, 400, 600),
                solid(Color.MAGENTA, 400, 600), solid(Color.CYAN, 400, 600)), "compose");
        return LocalCompositor.encode(sheet, ImageFormat.JPEG);
    }

    /** A generation task: the person sheet, then {@code clothes} garments (red first, then blue, then greys). */
    static ImageTask generation(String prompt, int clothes, Map<String, Object> options) {
        List<byte[]> images = new ArrayList<>();
        images.add(personSheet());
        for (int i = 0; i < clothes; i++) {
            images.add(garment(i == 0 ? SHIRT_RED : i == 1 ? JEANS_BLUE : new Color(40 + 25 * i, 40 + 25 * i, 40 + 25 * i), 600));
        }
        return new ImageTask("req_gen", JobKind.GENERATION, "NanoBanana2", prompt, images, options, null);
    }

    static Outcome.Done done(Outcome outcome) {
        if (outcome instanceof Outcome.Done done) {
            return done;
        }
        throw new AssertionError("expected Done, got " + outcome);
    }

    static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xFF) > 150 && ((rgb >> 8) & 0xFF) < 90 && (rgb & 0xFF) < 90;
    }

    static boolean isBlue(int rgb) {
        return ((rgb >> 16) & 0xFF) < 90 && ((rgb >> 8) & 0xFF) < 110 && (rgb & 0xFF) > 150;
    }

    static boolean near(Color expected, int rgb, int tolerance) {
        Color actual = new Color(rgb);
        return Math.abs(expected.getRed() - actual.getRed()) <= tolerance
                && Math.abs(expected.getGreen() - actual.getGreen()) <= tolerance
                && Math.abs(expected.getBlue() - actual.getBlue()) <= tolerance;
    }

    /** How many pixels in the rectangle pass {@code test}. */
    static int count(BufferedImage image, int x0, int y0, int x1, int y1, java.util.function.IntPredicate test) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (test.test(image.getRGB(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    private Pictures() {
    }
}
