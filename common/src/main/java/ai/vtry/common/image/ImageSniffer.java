package ai.vtry.common.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Checks that a file is a JPEG, PNG or WebP image by its content. {@link #sniff} reads only the
 * header (the signature must match and the dimensions be sane), for probes of a file's first bytes;
 * {@link #check} also decodes every pixel, so a damaged or truncated file is refused before it is
 * stored; {@link #decode} decodes for rendering, no larger than needed.
 *
 * <p>Memory stays bounded whatever the file claims: the dimensions are read from the header and
 * refused over {@link #MAX_PIXELS} before any pixel is decoded (a 10 MB PNG can claim 50 MP, 200 MB
 * once decoded); full decodes are subsampled, so they keep only a small picture of what they read;
 * and at most one decode per core runs at once in a JVM (a progressive JPEG holds all of its
 * coefficients while it decodes).
 */
public final class ImageSniffer {

    /**
     * The largest picture accepted, inputs and results alike: 18 MP, just above the largest the models
     * make at 4K (4800 x 3584 = 17.2 MP at 4:3; 4096 x 4096 at 1:1), and far more than they can use as input.
     */
    public static final long MAX_PIXELS = 18_000_000L;

    /** {@link #check} decodes every pixel but keeps at most this many per side. */
    private static final int CHECK_SIDE = 256;

    /**
     * The IEND chunk that closes every PNG. The decoder stops once it has its rows and never reads
     * the end of the stream, so a PNG cut within its last few bytes would otherwise pass.
     */
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private static final Semaphore DECODES = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    static {
        ImageIO.scanForPlugins(); // registers the WebP reader shipped with the service
        ImageIO.setUseCache(false);
    }

    /** The format and size from the header alone, if the file starts as an accepted image. */
    public static Optional<ImageInfo> sniff(Path file) {
        return accepted(header(file));
    }

    /** As {@link #sniff(Path)}, for bytes in memory (a provider's result). */
    public static Optional<ImageInfo> sniff(byte[] bytes) {
        // A memory-cached stream: a plain stream would be spooled to a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return accepted(header(in));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The whole file checked: an accepted format, at most {@link #MAX_PIXELS}, and every pixel decodes. */
    public static ImageCheck check(Path file) {
        ImageInfo info = header(file);
        if (info == null) {
            return ImageCheck.refused("is not a JPEG, PNG or WebP image");
        }
        if (tooLarge(info)) {
            return ImageCheck.refused(String.format(Locale.ROOT,
                    "is %d x %d pixels; at most %d megapixels are accepted",
                    info.width(), info.height(), MAX_PIXELS / 1_000_000));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            read(in, info, CHECK_SIDE);
            if (info.format() == ImageFormat.PNG && !endsWith(file, PNG_END)) {
                throw new IOException("No IEND chunk at the end");
            }
            return ImageCheck.accepted(info);
        } catch (IOException | RuntimeException e) {
            return ImageCheck.refused("is damaged or cut short: it does not decode completely");
        }
    }

    private static boolean endsWith(Path file, byte[] trailer) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < trailer.length) {
                return false;
            }
            byte[] end = new byte[trailer.length];
            in.seek(in.length() - trailer.length);
            in.readFully(end);
            return Arrays.equals(end, trailer);
        }
    }

    /**
     * Decodes an image that was checked when it came in, subsampled so that its longer side is no
     * more than about {@code maxSide} (never below it): a renderer that draws at most that size gets
     * all the detail it can use, and a 4K input does not take 64 MB to draw a 512-pixel panel.
     *
     * @throws IllegalArgumentException if the bytes are not an accepted image within the limits
     */
    public static BufferedImage decode(byte[] bytes, int maxSide) {
        ImageInfo info = sniff(bytes).orElseThrow(() ->
                new IllegalArgumentException("Input is not a decodable image within " + MAX_PIXELS + " pixels"));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return read(in, info, maxSide);
        } catch (IOException e) {
            throw new IllegalArgumentException("Input is not a decodable image: " + e.getMessage(), e);
        }
    }

    /** {@code info} if it is an image within the size limit. */
    private static Optional<ImageInfo> accepted(ImageInfo info) {
        return info == null || tooLarge(info) ? Optional.empty() : Optional.of(info);
    }

    private static boolean tooLarge(ImageInfo info) {
        return (long) info.width() * info.height() > MAX_PIXELS;
    }

    private static ImageInfo header(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in == null ? null : header(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The header of the image at the stream's start, or null; the stream is used up. */
    private static ImageInfo header(ImageInputStream in) throws IOException {
        byte[] signature = new byte[12];
        int read = in.read(signature);
        ImageFormat format = ImageFormat.fromSignature(signature, Math.max(read, 0));
        if (format == null) {
            return null;
        }
        in.seek(0);
        ImageReader reader = reader(format);
        if (reader == null) {
            return null;
        }
        try {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            return width > 0 && height > 0 ? new ImageInfo(format, width, height) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes every pixel of the image at the start of a fresh stream, keeping every n-th in each direction so
     * that the longer side is about {@code maxSide}. A warning is a failure too: the JPEG decoder
     * reports a file cut short as a warning and fills the rest grey.
     */
    private static BufferedImage read(ImageInputStream in, ImageInfo info, int maxSide) throws IOException {
        ImageReader reader = reader(info.format());
        if (reader == null) {
            throw new IOException("No reader for " + info.contentType());
        }
        List<String> damage = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (!harmless(warning)) {
                damage.add(warning);
            }
        });
        DECODES.acquireUninterruptibly();
        try {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(info.width(), info.height()) / Math.max(1, maxSide));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (image == null || !damage.isEmpty()) {
                throw new IOException("Damaged image: " + damage);
            }
            return image;
        } finally {
            DECODES.release();
            reader.dispose();
        }
    }

    /** Warnings about metadata the picture does not need (an ICC profile or a thumbnail that is ignored). */
    private static boolean harmless(String warning) {
        String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return text.contains("icc") || text.contains("thumbnail") || text.contains("jfif");
    }

    private static ImageReader reader(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
        return readers.hasNext() ? readers.next() : null;
    }

    private ImageSniffer() {
    }
}
