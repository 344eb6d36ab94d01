package ai.vtry.common.image;

/** What the bytes of an image really are, whatever the client or the remote server claimed. */
public record ImageInfo(ImageFormat format, int width, int height) {

    public String contentType() {
        return format.contentType();
    }

    public String extension() {
        return format.extension();
    }
}
