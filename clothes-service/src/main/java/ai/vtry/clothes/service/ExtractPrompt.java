package ai.vtry.clothes.service;

/** The provider prompt of an extraction: the garment alone, as a clean packshot; the caller's words narrow it down. */
public final class ExtractPrompt {

    public static final String TEXT = """
            Extract the clothing item from the input image and present it as a clean e-commerce packshot: only \
            the garment, complete and undistorted, front view, centred on a plain pure-white background. Remove the \
            person, skin, hair, mannequin, hanger, props, other garments, text and watermarks. Keep the exact \
            colours, print, fabric texture, stitching, logos on the garment and proportions; soft even studio \
            lighting, sharp focus.""";

    /** The prompt for one extraction; {@code instruction} (e.g. "black leather jacket") says which item. */
    public static String of(String instruction) {
        return instruction == null ? TEXT : TEXT + " The item to extract: " + instruction;
    }

    private ExtractPrompt() {
    }
}
