package ai.vtry.generation.provider.local;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import ai.vtry.common.image.ImageFormat;
import ai.vtry.common.image.ImageSniffer;

/**
 * The offline compositor behind the {@code local} provider: real Java2D image work, deterministic
 * (same inputs, same pixels), no model involved. It lets the whole product run on one machine.
 * CPU-bound: call it from a worker thread, never the event loop.
 */
public final class LocalCompositor {

    static final int PANEL_WIDTH = 512;
    static final int PANEL_HEIGHT = 768;
    static final int BAND_HEIGHT = 32;
    /** How much of the prompt a caption shows. */
    static final int CAPTION_CHARS = 60;
    private static final Color BACKGROUND = new Color(0xEEEEEC);
    private static final Color BAND = new Color(0x222222);
    private static final Color BIT_SET = new Color(0xF5C518);
    private static final Color BIT_CLEAR = new Color(0x444444);
    private static final Color CAPTION_TEXT = new Color(0xE8E8E8);

    /**
     * A 1x3 person composite: three portrait panels side by side, from one to three references.
     * With fewer than three, the missing views are a mirrored and a closer crop of the references,
     * so every panel shows the person. A band at the bottom encodes the prompt's hash.
     */
    public static BufferedImage personComposite(List<BufferedImage> references, String prompt) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("A composite needs at least one reference");
        }
        BufferedImage canvas = new BufferedImage(PANEL_WIDTH * 3, PANEL_HEIGHT + BAND_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            for (int panel = 0; panel < 3; panel++) {
                drawPanel(g, references, panel);
            }
            g.setColor(Color.WHITE);
            for (int panel = 1; panel < 3; panel++) {
                g.fillRect(panel * PANEL_WIDTH - 1, 0, 2, PANEL_HEIGHT);
            }
            drawHashBand(g, canvas.getWidth(), PANEL_HEIGHT, BAND_HEIGHT, hash(prompt));
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static void drawPanel(Graphics2D g, List<BufferedImage> references, int panel) {
        int n = references.size();
        BufferedImage source = references.get(panel < n ? panel : panel % n);
        boolean mirrored = panel >= n && !(n == 1 && panel == 2);
        double zoom = n == 1 && panel == 2 ? 1.4 : 1.0;
        // Cover the panel: scale to fill, crop the overflow (centred; zoomed views keep the top, the face).
        double scale = Math.max((double) PANEL_WIDTH / source.getWidth(), (double) PANEL_HEIGHT / source.getHeight()) * zoom;
        int width = (int) Math.round(source.getWidth() * scale);
        int height = (int) Math.round(source.getHeight() * scale);
        int x = panel * PANEL_WIDTH + (PANEL_WIDTH - width) / 2;
        int y = zoom > 1 ? 0 : (PANEL_HEIGHT - height) / 2;
        Graphics2D clip = (Graphics2D) g.create(panel * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT);
        try {
            clip.translate(-panel * PANEL_WIDTH, 0);
            if (mirrored) {
                clip.drawImage(source, x + width, y, -width, height, null);
            } else {
                clip.drawImage(source, x, y, width, height, null);
            }
        } finally {
            clip.dispose();
        }
    }

    /**
     * 64 bits of the prompt's SHA-256 as light (set) and dark blocks across {@code width}: visible proof
     * of which prompt made the image. The blocks keep the 32 px band's proportions at any height.
     */
    static void drawHashBand(Graphics2D g, int width, int top, int height, byte[] hash) {
        g.setColor(BAND);
        g.fillRect(0, top, width, height);
        int block = width / 64;
        int inset = height * 6 / BAND_HEIGHT;
        for (int bit = 0; bit < 64; bit++) {
            boolean set = (hash[bit / 8] >> (7 - bit % 8) & 1) == 1;
            g.setColor(set ? BIT_SET : BIT_CLEAR);
            g.fillRect(bit * block + 1, top + inset, block - 2, height - 2 * inset);
        }
    }

    /**
     * The caption of generated and edited images: the start of the prompt as text in the upper half,
     * the {@link #drawHashBand hash band} in the lower half.
     */
    static void drawCaption(Graphics2D g, int width, int top, int height, String prompt) {
        int textHeight = height / 2;
        g.setColor(BAND);
        g.fillRect(0, top, width, textHeight);
        Graphics2D text = (Graphics2D) g.create();
        try {
            text.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            text.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            text.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, textHeight * 11 / 20)));
            FontMetrics metrics = text.getFontMetrics();
            int pad = Math.max(4, textHeight / 3);
            String caption = fitCaption(prompt, metrics, width - 2 * pad);
            text.setColor(CAPTION_TEXT);
            text.drawString(caption, pad, top + (textHeight + metrics.getAscent() - metrics.getDescent()) / 2);
        } finally {
            text.dispose();
        }
        drawHashBand(g, width, top + textHeight, height - textHeight, hash(prompt));
    }

    /** The prompt's first {@link #CAPTION_CHARS} characters on one line, shortened with an ellipsis to fit {@code room}. */
    static String fitCaption(String prompt, FontMetrics metrics, int room) {
        String flat = prompt == null ? "" : prompt.strip().replaceAll("\\s+", " ");
        if (flat.isEmpty()) {
            return "(no prompt)";
        }
        String caption = flat.length() <= CAPTION_CHARS ? flat : flat.substring(0, CAPTION_CHARS).stripTrailing() + "\u2026";
        while (caption.length() > 1 && metrics.stringWidth(caption) > room) {
            caption = caption.substring(0, caption.length() - (caption.endsWith("\u2026") ? 2 : 1)).stripTrailing() + "\u2026";
        }
        return caption;
    }

    /**
     * Draws the {@code from} part of {@code source} so that it covers {@code to}: scaled to fill, the
     * overflow cropped evenly on both sides.
     */
    static void drawCover(Graphics2D g, BufferedImage source, Rectangle from, Rectangle to) {
        double sourceRatio = (double) from.width / from.height;
        double targetRatio = (double) to.width / to.height;
        int sx = from.x;
        int sy = from.y;
        int sw = from.width;
        int sh = from.height;
        if (sourceRatio > targetRatio) {
            sw = Math.max(1, (int) Math.round(sh * targetRatio));
            sx += (from.width - sw) / 2;
        } else {
            sh = Math.max(1, (int) Math.round(sw / targetRatio));
            sy += (from.height - sh) / 2;
        }
        g.drawImage(source, to.x, to.y, to.x + to.width, to.y + to.height, sx, sy, sx + sw, sy + sh, null);
    }

    static byte[] hash(String prompt) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((prompt == null ? "" : prompt).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes JPEG, PNG or WebP bytes at full size (WebP through the TwelveMonkeys plugin). */
    public static BufferedImage decode(byte[] bytes) {
        return ImageSniffer.decode(bytes, Integer.MAX_VALUE);
    }

    /** Encodes as JPEG (quality 0.92) or PNG. */
    public static byte[] encode(BufferedImage image, ImageFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName(format == ImageFormat.PNG ? "png" : "jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format != ImageFormat.PNG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.92f);
            }
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalCompositor() {
    }
}
