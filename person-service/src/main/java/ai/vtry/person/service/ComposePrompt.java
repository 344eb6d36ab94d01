package ai.vtry.person.service;

/**
 * The provider prompt of a person composite: one sheet with three views of the same person that
 * try-on generation later uses as its identity reference.
 */
public final class ComposePrompt {

    public static final String TEXT = """
            Create a single photorealistic identity reference sheet of the person shown in the reference images, \
            laid out as one row of three equal panels (1x3). Left panel: full-body front view, facing the camera. \
            Middle panel: full-body three-quarter view, turned about 45 degrees. Right panel: full-body side \
            profile view, turned 90 degrees. It must be the same person in all three panels with a consistent \
            identity: keep the exact face, facial features, skin tone, hair style and color, body shape, height \
            and proportions from the references; do not beautify, age or alter them. Show the whole body from \
            head to feet in every panel, standing in a relaxed neutral pose with arms slightly away from the body, \
            neutral expression. Keep the clothing from the references, identical in every panel. Use a plain \
            neutral light-grey studio background, soft even studio lighting, no harsh shadows, sharp focus, \
            the same camera height and scale in every panel. No text, labels, borders, watermarks, props or \
            other people.""";

    private ComposePrompt() {
    }
}
