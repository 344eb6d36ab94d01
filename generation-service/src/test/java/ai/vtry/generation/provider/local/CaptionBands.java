package ai.vtry.generation.provider.local;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads the hash band back from a rendered image, independently of the code that drew it: 64
 * blocks across the width, light for a set bit, dark for a clear one, MSB first.
 */
final class CaptionBands {

    /** The 64 bits of a hash band spanning rows {@code top} to {@code top + height}. */
    static long read(BufferedImage image, int top, int height) {
        int block = image.getWidth() / 64;
        int y = top + height / 2;
        long bits = 0;
        for (int bit = 0; bit < 64; bit++) {
            int rgb = image.getRGB(bit * block + block / 2, y);
            int luma = (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
            bits = bits << 1 | (luma > 128 ? 1 : 0);
        }
        return bits;
    }

    /**
     * The hash of a generated or edited image: its caption band is the bottom sixteenth of the long
     * side, text above, hash in the lower half.
     */
    static long readCaption(BufferedImage image) {
        int caption = Math.max(image.getWidth(), image.getHeight()) / 16;
        int hashTop = image.getHeight() - caption + caption / 2;
        return read(image, hashTop, caption - caption / 2);
    }

    /** The first 64 bits of the prompt's SHA-256. */
    static long expected(String prompt) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = bits << 8 | (hash[i] & 0xFF);
            }
            return bits;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CaptionBands() {
    }
}
