package ai.vtry.generation.provider.remote;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import ai.vtry.common.image.ImageFormat;
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

    /** Throws a {@link ProviderFailure} with {@code noImage} when the bytes are not a readable image. */
    public static Outcome.GeneratedImage toImage(byte[] bytes, ImageFormat wanted) {
        ImageFormat actual = bytes == null ? null : ImageFormat.fromSignature(bytes, bytes.length);
        if (actual == null) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
        int[] size = size(bytes, actual);
        if (actual == wanted) {
            return new Outcome.GeneratedImage(bytes, actual, size[0], size[1]);
        }
        BufferedImage image = decode(bytes);
        return new Outcome.GeneratedImage(encode(image, wanted), wanted, image.getWidth(), image.getHeight());
    }

    /** Width and height from the header; refuses decompression bombs before anything is decoded. */
    private static int[] size(byte[] bytes, ImageFormat format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
            if (in == null || !readers.hasNext()) {
                throw new ProviderFailure(ProviderFailures.noImage());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > ImageSniffer.MAX_PIXELS) {
                    throw new ProviderFailure(ProviderFailures.noImage());
                }
                return new int[] {width, height};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new ProviderFailure(ProviderFailures.noImage());
            }
            return image;
        } catch (IOException e) {
            throw new ProviderFailure(ProviderFailures.noImage());
        }
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
