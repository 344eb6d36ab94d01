package ai.vtry.common.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that a file is a JPEG, PNG or WebP image by its content: the signature must match and the
 * header must decode to sane dimensions. Reads only the header, never the whole picture.
 */
public final class ImageSniffer {

    /** Larger images are refused: decoding them would take hundreds of megabytes (decompression bombs). */
    public static final long MAX_PIXELS = 50_000_000L;

    static {
        ImageIO.scanForPlugins(); // registers the WebP reader shipped with the service
        ImageIO.setUseCache(false);
    }

    public static Optional<ImageInfo> sniff(Path file) {
        ImageFormat format;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = new byte[12];
            format = ImageFormat.fromSignature(head, in.readNBytes(head, 0, head.length));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (format == null) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
            if (in == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    return Optional.empty();
                }
                return Optional.of(new ImageInfo(format, width, height));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private ImageSniffer() {
    }
}
