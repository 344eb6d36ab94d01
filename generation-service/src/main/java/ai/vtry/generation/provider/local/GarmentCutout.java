package ai.vtry.generation.provider.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * The local provider's garment extraction: isolates the garment of a product photo and places it
 * on a clean white square, the way a packshot looks. No model, plain pixel work, deterministic:
 *
 * <ol>
 * <li>The background colour is the per-channel median of a band along the image's border.</li>
 * <li>Pixels far from it (further than the border's own spread allows) are the garment.</li>
 * <li>Background is what is reachable from the border through background-coloured pixels; enclosed
 * background-coloured areas (a white print on a shirt) stay part of the garment.</li>
 * <li>Specks are dropped: only the largest piece and pieces at least a tenth its size stay (two
 * shoes, a detached belt).</li>
 * <li>The garment's bounding box, with a margin, is scaled to fit and centred on a white square;
 * edges are softened by how close they are to the background colour.</li>
 * </ol>
 * When nothing stands out from the background the whole picture is used. CPU-bound: call it from a
 * worker thread.
 */
public final class GarmentCutout {

    /** Room around the garment on the canvas, as a share of the side. */
    static final double MARGIN = 0.06;
    private static final int MIN_THRESHOLD = 28;
    private static final int MAX_THRESHOLD = 110;
    private static final double KEEP_FRACTION = 0.1;

    /** The cut-out garment and what was found on the way (for the job's response). */
    public record Result(BufferedImage image, Color background, int x, int y, int width, int height) {

        public String backgroundHex() {
            return String.format("#%02x%02x%02x", background.getRed(), background.getGreen(), background.getBlue());
        }
    }

    /** Cuts the garment out of {@code source} onto a white {@code side} x {@code side} canvas. */
    public static Result extract(BufferedImage source, int side) {
        int w = source.getWidth();
        int h = source.getHeight();
        int[] rgb = source.getRGB(0, 0, w, h, null, 0, w);
        int band = Math.max(1, Math.min(w, h) / 50);
        int background = borderMedian(rgb, w, h, band);
        int threshold = threshold(rgb, w, h, band, background);

        boolean[] foreground = new boolean[w * h];
        for (int i = 0; i < rgb.length; i++) {
            foreground[i] = distance(rgb[i], background) > threshold;
        }
        boolean[] garment = largestPieces(fillEnclosed(foreground, w, h), w, h);
        int[] box = bounds(garment, w, h);
        if (box == null) {
            box = new int[] {0, 0, w - 1, h - 1};
            Arrays.fill(garment, true);
        }
        BufferedImage cut = cutout(rgb, garment, w, box, background, threshold);
        return new Result(place(cut, side), new Color(background), box[0], box[1], box[2] - box[0] + 1, box[3] - box[1] + 1);
    }

    /** Median of each channel over a band along all four edges: robust to a few garment pixels touching it. */
    static int borderMedian(int[] rgb, int w, int h, int band) {
        int[][] histograms = new int[3][256];
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < band || y < band || x >= w - band || y >= h - band) {
                    int p = rgb[y * w + x];
                    histograms[0][(p >> 16) & 0xFF]++;
                    histograms[1][(p >> 8) & 0xFF]++;
                    histograms[2][p & 0xFF]++;
                    count++;
                }
            }
        }
        int color = 0;
        for (int channel = 0; channel < 3; channel++) {
            int seen = 0;
            int value = 0;
            while (value < 255 && (seen += histograms[channel][value]) < (count + 1) / 2) {
                value++;
            }
            color = (color << 8) | value;
        }
        return color;
    }

    /** How far from the background a garment pixel must be: beyond the border's own 90th percentile, within bounds. */
    private static int threshold(int[] rgb, int w, int h, int band, int background) {
        int[] histogram = new int[443];
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < band || y < band || x >= w - band || y >= h - band) {
                    histogram[distance(rgb[y * w + x], background)]++;
                    count++;
                }
            }
        }
        int seen = 0;
        int p90 = 0;
        while (p90 < histogram.length - 1 && (seen += histogram[p90]) < count * 0.9) {
            p90++;
        }
        return Math.clamp(p90 + 20L, MIN_THRESHOLD, MAX_THRESHOLD);
    }

    static int distance(int a, int b) {
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
        int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return (int) Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /** Background is only what the border reaches; anything it cannot reach belongs to the garment. */
    private static boolean[] fillEnclosed(boolean[] foreground, int w, int h) {
        boolean[] outside = new boolean[w * h];
        // Every pixel enters the queue at most once, so a plain array of w * h is the whole queue.
        int[] queue = new int[w * h];
        int tail = 0;
        for (int x = 0; x < w; x++) {
            tail = seed(queue, tail, outside, foreground, x);
            tail = seed(queue, tail, outside, foreground, (h - 1) * w + x);
        }
        for (int y = 0; y < h; y++) {
            tail = seed(queue, tail, outside, foreground, y * w);
            tail = seed(queue, tail, outside, foreground, y * w + w - 1);
        }
        for (int head = 0; head < tail; head++) {
            int i = queue[head];
            int x = i % w;
            int y = i / w;
            if (x > 0) {
                tail = seed(queue, tail, outside, foreground, i - 1);
            }
            if (x < w - 1) {
                tail = seed(queue, tail, outside, foreground, i + 1);
            }
            if (y > 0) {
                tail = seed(queue, tail, outside, foreground, i - w);
            }
            if (y < h - 1) {
                tail = seed(queue, tail, outside, foreground, i + w);
            }
        }
        boolean[] garment = new boolean[w * h];
        for (int i = 0; i < garment.length; i++) {
            garment[i] = !outside[i];
        }
        return garment;
    }

    private static int seed(int[] queue, int tail, boolean[] outside, boolean[] foreground, int i) {
        if (!outside[i] && !foreground[i]) {
            outside[i] = true;
            queue[tail++] = i;
        }
        return tail;
    }

    /** Keeps the largest 4-connected piece and every piece at least {@link #KEEP_FRACTION} of its size. */
    private static boolean[] largestPieces(boolean[] mask, int w, int h) {
        int[] label = new int[w * h];
        int[] sizes = new int[16];
        int labels = 0;
        int[] queue = new int[w * h]; // each pixel is labelled, and queued, once
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || label[start] != 0) {
                continue;
            }
            labels++;
            if (labels >= sizes.length) {
                sizes = Arrays.copyOf(sizes, sizes.length * 2);
            }
            label[start] = labels;
            int tail = 0;
            queue[tail++] = start;
            for (int head = 0; head < tail; head++) {
                int i = queue[head];
                sizes[labels]++;
                int x = i % w;
                int y = i / w;
                if (x > 0 && mask[i - 1] && label[i - 1] == 0) {
                    label[i - 1] = labels;
                    queue[tail++] = i - 1;
                }
                if (x < w - 1 && mask[i + 1] && label[i + 1] == 0) {
                    label[i + 1] = labels;
                    queue[tail++] = i + 1;
                }
                if (y > 0 && mask[i - w] && label[i - w] == 0) {
                    label[i - w] = labels;
                    queue[tail++] = i - w;
                }
                if (y < h - 1 && mask[i + w] && label[i + w] == 0) {
                    label[i + w] = labels;
                    queue[tail++] = i + w;
                }
            }
        }
        int largest = 0;
        for (int l = 1; l <= labels; l++) {
            largest = Math.max(largest, sizes[l]);
        }
        boolean[] kept = new boolean[w * h];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = label[i] != 0 && sizes[label[i]] >= Math.max(1, largest * KEEP_FRACTION);
        }
        return kept;
    }

    /** {minX, minY, maxX, maxY} of the mask, or null if it is empty. */
    private static int[] bounds(boolean[] mask, int w, int h) {
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }

    /**
     * The box as an image with the background transparent. Garment pixels close to the background
     * colour (its anti-aliased edge, a shadow) fade out instead of leaving a hard fringe.
     */
    private static BufferedImage cutout(int[] rgb, boolean[] garment, int w, int[] box, int background, int threshold) {
        int cw = box[2] - box[0] + 1;
        int ch = box[3] - box[1] + 1;
        int[] argb = new int[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int i = (box[1] + y) * w + box[0] + x;
                int alpha = 0;
                if (garment[i]) {
                    int d = distance(rgb[i], background);
                    alpha = d >= threshold ? 255 : Math.max(0, 255 * (d - threshold / 2) / Math.max(1, threshold / 2));
                    if (isEnclosed(garment, w, i)) {
                        alpha = 255; // inside the garment even if it has the background's colour
                    }
                }
                argb[y * cw + x] = (alpha << 24) | (rgb[i] & 0xFFFFFF);
            }
        }
        BufferedImage cut = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_ARGB);
        cut.setRGB(0, 0, cw, ch, argb, 0, cw);
        return cut;
    }

    /** A garment pixel whose four neighbours are garment too is inside it, not on its edge. */
    private static boolean isEnclosed(boolean[] garment, int w, int i) {
        int x = i % w;
        return x > 0 && x < w - 1 && i - w >= 0 && i + w < garment.length
                && garment[i - 1] && garment[i + 1] && garment[i - w] && garment[i + w];
    }

    /** Scales the cut-out to fit inside the margins and centres it on a white square. */
    private static BufferedImage place(BufferedImage cut, int side) {
        BufferedImage canvas = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, side, side);
            double room = side * (1 - 2 * MARGIN);
            double scale = Math.min(room / cut.getWidth(), room / cut.getHeight());
            int width = Math.max(1, (int) Math.round(cut.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(cut.getHeight() * scale));
            g.drawImage(cut, (side - width) / 2, (side - height) / 2, width, height, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private GarmentCutout() {
    }
}
