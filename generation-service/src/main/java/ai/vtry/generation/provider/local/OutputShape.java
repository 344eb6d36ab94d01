package ai.vtry.generation.provider.local;

import java.util.List;
import java.util.Locale;

/**
 * The pixel size the local provider renders, from the {@code aspectRatio} and {@code resolution}
 * options (the same values NanoBanana2 takes). The resolution fixes the long side (1K: 1024, 2K:
 * 2048, 4K: 4096; absent: 1K); the ratio gives the short side, rounded to the nearest pixel.
 * {@code auto} (or no ratio) means the caller's default: 3:4 for generations, the listed ratio
 * nearest the source's for edits.
 *
 * @param aspectRatio the ratio actually used, e.g. {@code "3:4"} (never {@code "auto"})
 */
record OutputShape(String aspectRatio, int width, int height) {

    /** The ratios NanoBanana2 knows, widest first. */
    static final List<String> ASPECT_RATIOS = List.of("21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16");

    /** A generation without a ratio is a portrait of a person. */
    static final String GENERATION_DEFAULT = "3:4";

    /**
     * The shape for the given options.
     *
     * @param aspectRatio one of {@link #ASPECT_RATIOS}, {@code auto} or null
     * @param resolution  1K, 2K, 4K or null
     * @param auto        the ratio {@code auto} and null stand for; one of {@link #ASPECT_RATIOS}
     * @throws IllegalArgumentException for any other ratio or resolution, with a readable message
     */
    static OutputShape of(String aspectRatio, String resolution, String auto) {
        String ratio = aspectRatio == null || aspectRatio.isBlank() || "auto".equalsIgnoreCase(aspectRatio.strip())
                ? auto : aspectRatio.strip();
        if (!ASPECT_RATIOS.contains(ratio)) {
            throw new IllegalArgumentException("aspectRatio must be auto or one of " + String.join(", ", ASPECT_RATIOS)
                    + ", not " + aspectRatio);
        }
        int longSide = longSide(resolution);
        int colon = ratio.indexOf(':');
        int w = Integer.parseInt(ratio.substring(0, colon));
        int h = Integer.parseInt(ratio.substring(colon + 1));
        return w >= h
                ? new OutputShape(ratio, longSide, (int) Math.round((double) longSide * h / w))
                : new OutputShape(ratio, (int) Math.round((double) longSide * w / h), longSide);
    }

    /** The long side for a resolution: 1K (or null) 1024, 2K 2048, 4K 4096. */
    static int longSide(String resolution) {
        String r = resolution == null || resolution.isBlank() ? "1K" : resolution.strip().toUpperCase(Locale.ROOT);
        return switch (r) {
            case "1K" -> 1024;
            case "2K" -> 2048;
            case "4K" -> 4096;
            default -> throw new IllegalArgumentException("resolution must be 1K, 2K or 4K, not " + resolution);
        };
    }

    /** The listed ratio closest to {@code width:height} (compared on a log scale, so 2:1 is as far from 1:1 as 1:2). */
    static String nearestRatio(int width, int height) {
        double target = Math.log((double) width / height);
        String best = ASPECT_RATIOS.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : ASPECT_RATIOS) {
            int colon = ratio.indexOf(':');
            double distance = Math.abs(Math.log(Double.parseDouble(ratio.substring(0, colon))
                    / Double.parseDouble(ratio.substring(colon + 1))) - target);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = ratio;
            }
        }
        return best;
    }

    /** Wider than tall (or square): garments go beside the person rather than below. */
    boolean landscape() {
        return width >= height;
    }

    /** The caption band at the bottom: a sixteenth of the long side (64 px at 1K), half text, half hash. */
    int captionHeight() {
        return Math.max(width, height) / 16;
    }

    /** The picture above the caption band. */
    int sceneHeight() {
        return height - captionHeight();
    }
}
