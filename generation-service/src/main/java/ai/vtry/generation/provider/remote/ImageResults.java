package ai.vtry.generation.provider.remote;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import ai.vtry.common.image.ImageFormat;
import ai.vtry.common.image.ImageInfo;
import ai.vtry.common.image.ImageSniffer;
import ai.vtry.generation.provider.Outcome;

/**
 * A provider's output bytes as one of our images: the format and size come from the bytes (never
 * from what the provider claims), and the image is transcoded when it is not in the format asked
 * for (Gemini always answers PNG). CPU work: call it off the event loop.
 */
public final class ImageResults {

    private static final float JPEG_QUALITY = 0.92f;

    static {
        ImageIO.scanForPlugins(); // the WebP reader shipped with the service
        ImageIO.setUseCache(false);
    }

    /**
     * Throws a {@link ProviderFailure} with {@code noImage} when the bytes are not a readable image
     * within {@link ImageSniffer#MAX_PIXELS} (refused from the header, before anything is decoded).
     */
    public static Outcome.GeneratedImage toImage(byte[] bytes, ImageFormat wanted) {
        ImageInfo info = bytes == null ? null : ImageSniffer.sniff(bytes).orElse(null);
        if (info == null) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
        if (info.format() == wanted) {
            return new Outcome.GeneratedImage(bytes, wanted, info.width(), info.height());
        }
        BufferedImage image;
        try {
            image = ImageSniffer.decode(bytes, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
        return new Outcome.GeneratedImage(encode(image, wanted), wanted, image.getWidth(), image.getHeight());
    }

    static byte[] encode(BufferedImage image, ImageFormat format) {
        try {
            return format == ImageFormat.JPEG ? jpeg(image) : png(image);
        } catch (IOException e) {
            throw new IllegalStateException("Could not encode " + format, e);
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        // JPEG has no alpha: flatten onto white, as transparent pixels would otherwise turn black.
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private ImageResults() {
    }
}
