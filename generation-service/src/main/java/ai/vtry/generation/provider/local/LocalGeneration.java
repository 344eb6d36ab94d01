package ai.vtry.generation.provider.local;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The local provider's "try-on": a deterministic look sheet made from the person and the clothes,
 * no model involved. Each image shows
 * <ul>
 * <li>the person: the left (full-body front) panel of the 1x3 person composite, large, as a 2:3
 * portrait;</li>
 * <li>the clothes: each cut from its plain background by {@link GarmentCutout} onto a white card,
 * in a grid. Wide and square shapes put the grid to the right of the person; tall shapes give the
 * person the whole picture and lay the grid over the lower part of it (the legs), across the
 * width;</li>
 * <li>a background whose hue comes from the prompt's hash, lighter at the top;</li>
 * <li>the {@link LocalCompositor#drawCaption caption band}: the prompt's start and its hash.</li>
 * </ul>
 * Variants (numImages) differ in background shade and in the order of the garments (rotated by the
 * variant index). The inputs are cut out once for all variants. CPU-bound: call it from a worker
 * thread.
 */
final class LocalGeneration {

    static final int MAX_CLOTHES = 7;
    /** A portrait's share of a tall picture taken by the garment grid laid over it. */
    static final double STRIP_SHARE = 0.3;
    private static final Color CARD_EDGE = new Color(0xD0D0D0);

    /** Where things go on one image: the person's panel and one square card per garment. */
    record Layout(Rectangle person, List<Rectangle> cards) {

        static Layout of(OutputShape shape, int garments) {
            int width = shape.width();
            int scene = shape.sceneHeight();
            int margin = Math.max(4, (int) Math.round(Math.min(width, scene) * 0.04));
            Rectangle person;
            Rectangle grid;
            if (shape.landscape()) {
                int ph = scene - 2 * margin;
                int pw = (int) Math.round(ph * 2 / 3.0);
                int maxWidth = (int) ((width - 3 * margin) * 0.6);
                if (pw > maxWidth) {
                    pw = maxWidth;
                    ph = (int) Math.round(pw * 1.5);
                }
                person = new Rectangle(margin, (scene - ph) / 2, pw, ph);
                int gx = margin + pw + margin;
                grid = new Rectangle(gx, margin, width - gx - margin, scene - 2 * margin);
            } else {
                int pw = width - 2 * margin;
                int ph = (int) Math.round(pw * 1.5);
                if (ph > scene - 2 * margin) {
                    ph = scene - 2 * margin;
                    pw = (int) Math.round(ph * 2 / 3.0);
                }
                person = new Rectangle((width - pw) / 2, margin, pw, ph);
                int gh = (int) Math.round(scene * STRIP_SHARE);
                grid = new Rectangle(margin, scene - margin - gh, width - 2 * margin, gh);
            }
            return new Layout(person, cards(grid, garments));
        }

        /** {@code n} equal squares filling {@code grid} as far as possible, centred, the last row centred too. */
        static List<Rectangle> cards(Rectangle grid, int n) {
            int columns = 1;
            int cell = 0;
            for (int c = 1; c <= n; c++) {
                int rows = (n + c - 1) / c;
                int side = Math.min(grid.width / c, grid.height / rows);
                if (side > cell) {
                    cell = side;
                    columns = c;
                }
            }
            int rows = (n + columns - 1) / columns;
            int gap = Math.max(4, cell / 12);
            int top = grid.y + (grid.height - rows * cell) / 2;
            List<Rectangle> cards = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int row = i / columns;
                int inRow = Math.min(columns, n - row * columns);
                int left = grid.x + (grid.width - inRow * cell) / 2;
                cards.add(new Rectangle(left + (i % columns) * cell + gap / 2, top + row * cell + gap / 2,
                        cell - gap, cell - gap));
            }
            return cards;
        }
    }

    /**
     * {@code variants} look sheets of {@code shape}.
     *
     * @param personSheet the person composite (a 1x3 sheet) or a single portrait
     * @param clothes     one to {@link #MAX_CLOTHES} garment pictures
     */
    static List<BufferedImage> render(BufferedImage personSheet, List<BufferedImage> clothes, String prompt,
            OutputShape shape, int variants) {
        if (clothes.isEmpty() || clothes.size() > MAX_CLOTHES) {
            throw new IllegalArgumentException("A generation takes 1 to " + MAX_CLOTHES + " clothes, not " + clothes.size());
        }
        Layout layout = Layout.of(shape, clothes.size());
        int side = layout.cards().get(0).width;
        List<BufferedImage> cutouts = clothes.stream().map(cloth -> GarmentCutout.extract(fit(cloth, side), side).image()).toList();
        Rectangle panel = personPanel(personSheet);
        byte[] hash = LocalCompositor.hash(prompt);
        List<BufferedImage> images = new ArrayList<>(variants);
        for (int variant = 0; variant < variants; variant++) {
            images.add(sheet(personSheet, panel, cutouts, prompt, hash, shape, layout, variant));
        }
        return images;
    }

    private static BufferedImage sheet(BufferedImage personSheet, Rectangle panel, List<BufferedImage> cutouts,
            String prompt, byte[] hash, OutputShape shape, Layout layout, int variant) {
        BufferedImage canvas = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            Color background = background(hash, variant);
            g.setPaint(new GradientPaint(0, 0, background, 0, shape.sceneHeight(), background.darker()));
            g.fillRect(0, 0, shape.width(), shape.sceneHeight());

            shadow(g, layout.person());
            LocalCompositor.drawCover(g, personSheet, panel, layout.person());

            int n = cutouts.size();
            for (int i = 0; i < n; i++) {
                Rectangle card = layout.cards().get(i);
                shadow(g, card);
                g.drawImage(cutouts.get((i + variant) % n), card.x, card.y, card.width, card.height, null);
                g.setColor(CARD_EDGE);
                g.drawRect(card.x, card.y, card.width - 1, card.height - 1);
            }
            LocalCompositor.drawCaption(g, shape.width(), shape.sceneHeight(), shape.captionHeight(), prompt);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** A drop shadow below and right of {@code box}: only the two strips that show, translucent black. */
    private static void shadow(Graphics2D g, Rectangle box) {
        int offset = Math.max(2, Math.min(box.width, box.height) / 40);
        Graphics2D s = (Graphics2D) g.create();
        try {
            s.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.18f));
            s.setColor(Color.BLACK);
            s.fillRect(box.x + box.width, box.y + offset, offset, box.height);
            s.fillRect(box.x + offset, box.y + box.height, box.width - offset, offset);
        } finally {
            s.dispose();
        }
    }

    /**
     * A pastel from bits of the hash the band does not show (bytes 8 and 9): the hue, a slight
     * saturation shift; each variant is a step darker.
     */
    static Color background(byte[] hash, int variant) {
        float hue = (hash[8] & 0xFF) / 256f;
        float saturation = 0.16f + (hash[9] & 0xFF) / 255f * 0.12f;
        float brightness = 0.95f - 0.08f * variant;
        return Color.getHSBColor(hue, saturation, brightness);
    }

    /**
     * The part of the person composite to show: the left panel (the full-body front view) of a 1x3
     * sheet, without the hash band when it is the local compositor's own; a narrower picture whole.
     */
    static Rectangle personPanel(BufferedImage sheet) {
        int w = sheet.getWidth();
        int h = sheet.getHeight();
        if (w == 3 * LocalCompositor.PANEL_WIDTH && h == LocalCompositor.PANEL_HEIGHT + LocalCompositor.BAND_HEIGHT) {
            // the panel without the white line that parts it from the next one
            return new Rectangle(0, 0, LocalCompositor.PANEL_WIDTH - 1, LocalCompositor.PANEL_HEIGHT);
        }
        if (w >= 1.5 * h) {
            return new Rectangle(0, 0, w / 3, h);
        }
        return new Rectangle(0, 0, w, h);
    }

    /**
     * The garment picture no larger than its card: the cut-out is pixel work over the whole
     * picture, so a 12 MP product photo is brought down to the card first.
     */
    static BufferedImage fit(BufferedImage image, int side) {
        int longSide = Math.max(image.getWidth(), image.getHeight());
        if (longSide <= side) {
            return image;
        }
        double scale = (double) side / longSide;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h); // a transparent PNG's background becomes white, like a packshot
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private LocalGeneration() {
    }
}
