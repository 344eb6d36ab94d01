package ai.vtry.client.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * More reference images for a person ({@code POST /api/v1/persons/{personId}/images}), as files or one
 * image URL (never both); a person has at most three in all.
 *
 * @param sourcePageUrl the page {@code imageUrl} comes from, sent as its {@code Referer}
 * @param idempotencyKey sent as {@code Idempotency-Key}; null to let the client pick a new one per call
 */
public record AddImagesRequest(List<ImageFile> files, String imageUrl, String sourcePageUrl, String idempotencyKey) {

    public AddImagesRequest {
        files = List.copyOf(files);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AddImagesRequest}. */
    public static final class Builder {
        private final List<ImageFile> files = new ArrayList<>();
        private String imageUrl;
        private String sourcePageUrl;
        private String idempotencyKey;

        private Builder() {
        }

        public Builder file(ImageFile file) {
            files.add(file);
            return this;
        }

        public Builder file(Path path) {
            return file(ImageFile.of(path));
        }

        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        public Builder sourcePageUrl(String sourcePageUrl) {
            this.sourcePageUrl = sourcePageUrl;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public AddImagesRequest build() {
            return new AddImagesRequest(files, imageUrl, sourcePageUrl, idempotencyKey);
        }
    }
}
