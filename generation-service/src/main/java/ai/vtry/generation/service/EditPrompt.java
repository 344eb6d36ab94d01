package ai.vtry.generation.service;

/**
 * The provider prompt of an edit: the user's one instruction, framed so that only what it asks for
 * changes (drifting identity, outfit or background is what users of edit APIs complain about most).
 */
final class EditPrompt {

    static String of(String instruction) {
        return "Edit the provided image according to this instruction: " + instruction.strip() + "\n"
                + "Change only what the instruction asks for. Keep everything else exactly as in the image: the same "
                + "person and identity (face, skin tone, hair, body), the same clothing and accessories with their colors, "
                + "patterns and details, the same framing, background and lighting unless the instruction changes them.\n"
                + "The result must be one photorealistic, coherent photograph without text, watermark or collage.";
    }

    private EditPrompt() {
    }
}
