package ai.vtry.common.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.vtry.common.testsupport.TestImages;

class ImageSnifferTest {

    /** The well-known 1x1 lossless WebP (VP8L) used by browsers' feature detection. */
    static final byte[] WEBP_1X1_LOSSLESS = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    @TempDir
    Path dir;

    @Test
    void pngWrittenByImageIo() throws IOException {
        Path file = write("a.png", encode(64, 48, "png"));

        ImageInfo info = ImageSniffer.sniff(file).orElseThrow();

        assertEquals(ImageFormat.PNG, info.format());
        assertEquals(64, info.width());
        assertEquals(48, info.height());
        assertEquals("image/png", info.contentType());
        assertEquals("png", info.extension());
    }

    @Test
    void jpegWrittenByImageIo() throws IOException {
        Path file = write("a.jpg", encode(40, 30, "jpg"));

        ImageInfo info = ImageSniffer.sniff(file).orElseThrow();

        assertEquals(ImageFormat.JPEG, info.format());
        assertEquals(40, info.width());
        assertEquals(30, info.height());
        assertEquals("image/jpeg", info.contentType());
        assertEquals("jpg", info.extension());
    }

    @Test
    void theContentDecidesNotTheFileName() throws IOException {
        Path pngNamedJpg = write("really-a-png.jpg", encode(10, 20, "png"));
        Path jpegNamedPng = write("really-a-jpeg.png", encode(30, 10, "jpg"));

        assertEquals(Optional.of(new ImageInfo(ImageFormat.PNG, 10, 20)), ImageSniffer.sniff(pngNamedJpg));
        assertEquals(Optional.of(new ImageInfo(ImageFormat.JPEG, 30, 10)), ImageSniffer.sniff(jpegNamedPng));
    }

    @Test
    void losslessWebp1x1() throws IOException {
        Path file = write("a.webp", WEBP_1X1_LOSSLESS);

        ImageInfo info = ImageSniffer.sniff(file).orElseThrow();

        assertEquals(ImageFormat.WEBP, info.format());
        assertEquals(1, info.width());
        assertEquals(1, info.height());
        assertEquals("image/webp", info.contentType());
        assertEquals("webp", info.extension());
    }

    @Test
    void twelveMonkeysDecodesTheWebpFixture() throws IOException {
        // the reader the sniffer relies on is registered and really decodes the fixture
        assertTrue(ImageIO.getImageReadersByMIMEType("image/webp").hasNext(), "no WebP ImageReader registered");
        BufferedImage image = ImageIO.read(write("b.webp", WEBP_1X1_LOSSLESS).toFile());

        assertNotNull(image);
        assertEquals(1, image.getWidth());
        assertEquals(1, image.getHeight());
    }

    @Test
    void webpHeaderDimensionsAreReported() throws IOException {
        Path file = write("wide.webp", vp8l(300, 200));

        assertEquals(Optional.of(new ImageInfo(ImageFormat.WEBP, 300, 200)), ImageSniffer.sniff(file));
    }

    @Test
    void webpOverMaxPixelsIsRefused() throws IOException {
        // 16384 x 4000 = 65.5 million pixels, within what VP8L can express but over MAX_PIXELS
        Path file = write("bomb.webp", vp8l(16384, 4000));

        assertEquals(Optional.empty(), ImageSniffer.sniff(file));
    }

    @Test
    void gifIsNotAccepted() throws IOException {
        byte[] gif = encode(16, 16, "gif");
        assertEquals('G', gif[0]); // really a GIF
        Path file = write("a.gif", gif);

        assertEquals(Optional.empty(), ImageSniffer.sniff(file));
    }

    @Test
    void textFileIsNotAnImage() throws IOException {
        Path file = write("a.png", "<html><body>not an image, honest</body></html>".getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), ImageSniffer.sniff(file));
    }

    @Test
    void emptyFileIsNotAnImage() throws IOException {
        assertEquals(Optional.empty(), ImageSniffer.sniff(write("empty.jpg", new byte[0])));
    }

    @Test
    void missingFileIsNotAnImage() {
        assertEquals(Optional.empty(), ImageSniffer.sniff(dir.resolve("does-not-exist.png")));
    }

    @Test
    void jpegSignatureFollowedByGarbage() throws IOException {
        byte[] garbage = "this is definitely not the rest of a JPEG stream ".repeat(40).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[3 + garbage.length];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        System.arraycopy(garbage, 0, bytes, 3, garbage.length);

        assertEquals(ImageFormat.JPEG, ImageFormat.fromSignature(bytes, bytes.length)); // passes the signature check
        assertEquals(Optional.empty(), ImageSniffer.sniff(write("garbage.jpg", bytes)));
    }

    @Test
    void truncatedPngIsRefused() throws IOException {
        byte[] png = encode(64, 48, "png");
        byte[] head = java.util.Arrays.copyOf(png, 20); // signature and part of IHDR

        assertEquals(Optional.empty(), ImageSniffer.sniff(write("cut.png", head)));
    }

    @Test
    void handBuiltPngHeaderIsReadWhenSane() throws IOException {
        // control for the bomb test below: the hand-built header itself is accepted
        assertEquals(Optional.of(new ImageInfo(ImageFormat.PNG, 640, 480)), ImageSniffer.sniff(write("h.png", pngHeader(640, 480))));
    }

    @Test
    void pngClaimingHundredThousandSquaredIsRefused() throws IOException {
        assertEquals(Optional.empty(), ImageSniffer.sniff(write("bomb.png", pngHeader(100_000, 100_000))));
    }

    @Test
    void maxPixelsIsInclusive() throws IOException {
        assertEquals(18_000_000L, ImageSniffer.MAX_PIXELS);
        assertEquals(Optional.of(new ImageInfo(ImageFormat.PNG, 6_000, 3_000)),
                ImageSniffer.sniff(write("at-limit.png", pngHeader(6_000, 3_000))));
        assertEquals(Optional.empty(), ImageSniffer.sniff(write("over-limit.png", pngHeader(6_000, 3_001))));
    }

    @Test
    void aCompleteImageIsAcceptedByTheFullCheck() throws IOException {
        ImageCheck png = ImageSniffer.check(write("full.png", encode(640, 480, "png")));
        ImageCheck jpeg = ImageSniffer.check(write("full.jpg", encode(640, 480, "jpg")));
        ImageCheck webp = ImageSniffer.check(write("full.webp", WEBP_1X1_LOSSLESS));

        assertEquals(new ImageInfo(ImageFormat.PNG, 640, 480), png.info());
        assertEquals(new ImageInfo(ImageFormat.JPEG, 640, 480), jpeg.info());
        assertEquals(new ImageInfo(ImageFormat.WEBP, 1, 1), webp.info());
        assertTrue(png.accepted() && jpeg.accepted() && webp.accepted());
    }

    @Test
    void aTruncatedPngOrJpegWhoseHeaderIsIntactIsRefusedByTheFullCheck() throws IOException {
        for (String format : new String[] {"png", "jpg"}) {
            byte[] full = encode(640, 480, format);
            Path cut = write("cut." + format, java.util.Arrays.copyOf(full, full.length * 9 / 10));

            assertTrue(ImageSniffer.sniff(cut).isPresent(), format + ": the header alone looks fine");
            ImageCheck check = ImageSniffer.check(cut);
            assertFalse(check.accepted(), format);
            assertEquals("is damaged or cut short: it does not decode completely", check.problem());
        }
    }

    @Test
    void aSmallFileClaimingFiftyMegapixelsIsRefusedBeforeDecoding() throws IOException {
        byte[] bomb = TestImages.blankPng(8_660, 5_774); // 50 MP, 200 MB decoded
        assertTrue(bomb.length < 10 * 1024 * 1024, "under the upload limit: " + bomb.length);

        ImageCheck check = ImageSniffer.check(write("bomb.png", bomb));

        assertFalse(check.accepted());
        assertEquals("is 8660 x 5774 pixels; at most 18 megapixels are accepted", check.problem());
    }

    @Test
    void anythingElseIsNotAnImage() throws IOException {
        assertEquals("is not a JPEG, PNG or WebP image", ImageSniffer.check(write("a.gif", encode(8, 8, "gif"))).problem());
        assertEquals("is not a JPEG, PNG or WebP image", ImageSniffer.check(dir.resolve("missing.png")).problem());
    }

    @Test
    void decodeKeepsNoMoreThanTheRendererNeeds() throws IOException {
        BufferedImage small = ImageSniffer.decode(encode(3000, 2000, "png"), 1000);
        assertEquals(1000, small.getWidth(), "every third pixel of 3000");
        assertEquals(667, small.getHeight());
        BufferedImage unchanged = ImageSniffer.decode(encode(300, 200, "jpg"), 1000);
        assertEquals(300, unchanged.getWidth());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ImageSniffer.decode(TestImages.blankPng(8_660, 5_774), 1000));
    }

    @Test
    void signatures() {
        assertEquals(ImageFormat.JPEG, ImageFormat.fromSignature(bytes(0xFF, 0xD8, 0xFF), 3));
        assertNull(ImageFormat.fromSignature(bytes(0xFF, 0xD8, 0xFF), 2));
        assertNull(ImageFormat.fromSignature(bytes(0xFF, 0xD8, 0x00), 3));
        byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertEquals(ImageFormat.PNG, ImageFormat.fromSignature(png, 8));
        assertNull(ImageFormat.fromSignature(png, 7));
        byte[] pngUnix = bytes(0x89, 'P', 'N', 'G', 0x0A, 0x0A, 0x1A, 0x0A); // line endings mangled
        assertNull(ImageFormat.fromSignature(pngUnix, 8));
        assertEquals(ImageFormat.WEBP, ImageFormat.fromSignature(WEBP_1X1_LOSSLESS, 12));
        assertNull(ImageFormat.fromSignature(WEBP_1X1_LOSSLESS, 11));
        byte[] wave = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);
        assertNull(ImageFormat.fromSignature(wave, wave.length));
        byte[] gif = "GIF89a\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        assertNull(ImageFormat.fromSignature(gif, gif.length));
        assertNull(ImageFormat.fromSignature(new byte[12], 0));
    }

    @Test
    void formatMetadata() {
        assertEquals("image/jpeg", ImageFormat.JPEG.contentType());
        assertEquals("jpg", ImageFormat.JPEG.extension());
        assertEquals("image/png", ImageFormat.PNG.contentType());
        assertEquals("png", ImageFormat.PNG.extension());
        assertEquals("image/webp", ImageFormat.WEBP.contentType());
        assertEquals("webp", ImageFormat.WEBP.extension());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] encode(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no ImageIO writer for " + format);
        return out.toByteArray();
    }

    /** PNG signature, an IHDR (8-bit RGB) with a correct CRC, and IEND: enough for a header reader. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12).order(ByteOrder.BIG_ENDIAN);
        b.put(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A));
        ByteBuffer ihdr = ByteBuffer.allocate(17).order(ByteOrder.BIG_ENDIAN);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        b.putInt(13).put(ihdr.array()).putInt(crc(ihdr.array()));
        byte[] iend = "IEND".getBytes(StandardCharsets.US_ASCII);
        b.putInt(0).put(iend).putInt(crc(iend));
        return b.array();
    }

    private static int crc(byte[] typeAndData) {
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        return (int) crc.getValue();
    }

    /**
     * A lossless WebP whose VP8L header says {@code width x height} (14 bits each); the bitstream
     * after the header is the 1x1 fixture's, which a header reader never gets to.
     */
    static byte[] vp8l(int width, int height) {
        byte[] tail = java.util.Arrays.copyOfRange(WEBP_1X1_LOSSLESS, 25, WEBP_1X1_LOSSLESS.length); // after signature + 32 header bits
        int chunkLength = 5 + tail.length;
        int padded = chunkLength + (chunkLength & 1);
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + padded).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(chunkLength);
        b.put((byte) 0x2F);
        b.putInt((width - 1) | (height - 1) << 14); // no alpha hint, version 0
        b.put(tail);
        return b.array();
    }
}
