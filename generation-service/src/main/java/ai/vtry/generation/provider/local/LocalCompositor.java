package ai.vtry.generation.provider.local;

import java.awt.Color;
import java.awt.Graphics2D;
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

/**
 * The offline compositor behind the {@code local} provider: real Java2D image work, deterministic
 * (same inputs, same pixels), no model involved. It lets the whole product run on one machine.
 * CPU-bound: call it from a worker thread, never the event loop.
 */
public final class LocalCompositor {

    static final int PANEL_WIDTH = 512;
    static final int PANEL_HEIGHT = 768;
    static final int BAND_HEIGHT = 32;
    private static final Color BACKGROUND = new Color(0xEEEEEC);

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
            drawHashBand(g, canvas.getWidth(), PANEL_HEIGHT, hash(prompt));
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

    /** 64 bits of the prompt's SHA-256 as dark and light blocks: visible proof of which prompt made the image. */
    private static void drawHashBand(Graphics2D g, int width, int top, byte[] hash) {
        g.setColor(new Color(0x222222));
        g.fillRect(0, top, width, BAND_HEIGHT);
        int block = width / 64;
        for (int bit = 0; bit < 64; bit++) {
            boolean set = (hash[bit / 8] >> (7 - bit % 8) & 1) == 1;
            g.setColor(set ? new Color(0xF5C518) : new Color(0x444444));
            g.fillRect(bit * block + 1, top + 6, block - 2, BAND_HEIGHT - 12);
        }
    }

    static byte[] hash(String prompt) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((prompt == null ? "" : prompt).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes JPEG, PNG or WebP bytes (WebP through the TwelveMonkeys plugin). */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("Input is not a decodable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes as JPEG (quality 0.92) or PNG. */
    public static byte[] encode(BufferedImage image, ImageFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == ImageFormat.PNG) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
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
