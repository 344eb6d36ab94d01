package ai.vtry.generation.provider.local;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The local provider's "edit": the source re-framed to the requested shape and visibly changed by
 * the prompt, no model involved. The source covers the picture above the caption band (scaled to
 * fill, the overflow cropped evenly, no bars), then a colour wash is laid over it: its hue and
 * strength (18 to 35 %) come from the prompt's hash, and each variant turns the hue a quarter
 * round. The {@link LocalCompositor#drawCaption caption band} carries the prompt's start and hash.
 * CPU-bound: call it from a worker thread.
 */
final class LocalEdit {

    static List<BufferedImage> render(BufferedImage source, String prompt, OutputShape shape, int variants) {
        byte[] hash = LocalCompositor.hash(prompt);
        Rectangle scene = new Rectangle(0, 0, shape.width(), shape.sceneHeight());
        Rectangle whole = new Rectangle(0, 0, source.getWidth(), source.getHeight());
        List<BufferedImage> images = new ArrayList<>(variants);
        for (int variant = 0; variant < variants; variant++) {
            BufferedImage canvas = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                LocalCompositor.drawCover(g, source, whole, scene);
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, strength(hash)));
                g.setColor(tint(hash, variant));
                g.fill(scene);
                g.setComposite(AlphaComposite.SrcOver);
                LocalCompositor.drawCaption(g, shape.width(), shape.sceneHeight(), shape.captionHeight(), prompt);
            } finally {
                g.dispose();
            }
            images.add(canvas);
        }
        return images;
    }

    /** A saturated colour from byte 10 of the hash (the band shows bytes 0 to 7), a quarter turn per variant. */
    static Color tint(byte[] hash, int variant) {
        float hue = (hash[10] & 0xFF) / 256f + variant * 0.25f;
        return Color.getHSBColor(hue - (float) Math.floor(hue), 0.85f, 0.9f);
    }

    /** The wash's opacity from byte 11 of the hash: 0.18 to 0.35. */
    static float strength(byte[] hash) {
        return 0.18f + (hash[11] & 0xFF) / 255f * 0.17f;
    }

    private LocalEdit() {
    }
}
