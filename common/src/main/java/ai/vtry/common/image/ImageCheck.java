package ai.vtry.common.image;

/**
 * What {@link ImageSniffer#check} found: the image, or why it is refused, as words that follow the
 * file's name in an error message ("front.jpg is damaged or cut short: ...").
 */
public record ImageCheck(ImageInfo info, String problem) {

    static ImageCheck accepted(ImageInfo info) {
        return new ImageCheck(info, null);
    }

    static ImageCheck refused(String problem) {
        return new ImageCheck(null, problem);
    }

    public boolean accepted() {
        return info != null;
    }
}
