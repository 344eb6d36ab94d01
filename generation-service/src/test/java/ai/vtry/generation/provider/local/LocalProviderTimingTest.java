package ai.vtry.generation.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.generation.provider.ImageTask;
import ai.vtry.generation.provider.Outcome;

/**
 * Prints how long the local provider takes for realistic inputs: a 1536x800 person composite and
 * seven 1200x1600 product photos (JPEG). It asserts only the result, never the time: the numbers
 * are for people (the machine may be busy). A benchmark, not part of the suite: run it with
 * {@code ./mvnw -pl generation-service test -Dtest=LocalProviderTimingTest -Dgroups=bench -Dvtry.excluded-groups=}.
 */
@Tag("bench")
class LocalProviderTimingTest {

    private static byte[] productPhoto(int seed) {
        BufferedImage photo = Pictures.solid(new Color(0xF4F4F2), 1200, 1600);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.getHSBColor(seed / 7f, 0.7f, 0.7f));
        g.fillRoundRect(300, 300, 600, 1000, 80, 80);
        g.fillRect(150, 300, 150, 400);
        g.fillRect(900, 300, 150, 400);
        g.setColor(Color.WHITE);
        g.fillOval(500, 600, 200, 200);
        g.dispose();
        return LocalCompositor.encode(photo, ImageFormat.JPEG);
    }

    private static ImageTask task(Map<String, Object> options) {
        List<byte[]> images = new ArrayList<>();
        images.add(Pictures.personSheet());
        for (int i = 0; i < 7; i++) {
            images.add(productPhoto(i));
        }
        return new ImageTask("req_t", JobKind.GENERATION, "NanoBanana2", "A full-body photo of the person wearing all of it",
                images, options, null);
    }

    private static long millis(ImageTask task, int expectedImages) {
        long start = System.nanoTime();
        Outcome.Done done = Pictures.done(LocalProvider.render(task));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertEquals(expectedImages, done.images().size());
        return elapsed;
    }

    @Test
    void printsTimings() {
        ImageTask oneK = task(Map.of());
        long cold = millis(oneK, 1); // includes loading ImageIO plugins and fonts, JIT warm-up
        millis(oneK, 1);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, millis(oneK, 1));
        }
        long fourVariants = millis(task(Map.of("numImages", 4, "aspectRatio", "16:9")), 4);
        long fourK = millis(task(Map.of("resolution", "4K", "aspectRatio", "9:16")), 1);
        long fourKPng = millis(task(Map.of("resolution", "4K", "aspectRatio", "1:1", "outputFormat", "png")), 1);
        ImageTask edit = new ImageTask("req_e", JobKind.EDIT, "NanoBanana2", "tint it", List.of(productPhoto(1)),
                Map.of("resolution", "4K"), null);
        long edit4K = millis(edit, 1);
        System.out.printf("local provider, 8 inputs: 1K generation %d ms (best of 3; the first in this JVM %d ms), 1K x4 variants %d ms, "
                + "4K 9:16 jpeg %d ms, 4K 1:1 png %d ms; 4K edit %d ms%n", best, cold, fourVariants, fourK, fourKPng, edit4K);
    }
}
