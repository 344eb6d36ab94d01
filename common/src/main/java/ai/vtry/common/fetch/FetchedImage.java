package ai.vtry.common.fetch;

import ai.vtry.common.image.ImageInfo;

/**
 * An image imported from a URL: the fetched body and what its bytes really are (sniffed, whatever
 * the server declared). Close it to delete the temporary file.
 */
public record FetchedImage(Fetched fetched, ImageInfo info) implements AutoCloseable {

    @Override
    public void close() {
        fetched.close();
    }
}
