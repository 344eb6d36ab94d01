package ai.vtry.client.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A new person ({@code POST /api/v1/persons}): a name and one to three reference photos, as files or one
 * image URL that Vtry fetches (never both).
 *
 * @param name normalized by the API to a slug, unique in the workspace
 * @param sourcePageUrl the page {@code imageUrl} comes from, sent as its {@code Referer}
 * @param idempotencyKey sent as {@code Idempotency-Key}; null to let the client pick a new one per call
 */
public record CreatePersonRequest(String name, List<ImageFile> files, String imageUrl, String sourcePageUrl,
        String idempotencyKey) {

    public CreatePersonRequest {
        files = List.copyOf(files);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreatePersonRequest}. */
    public static final class Builder {
        private String name;
        private final List<ImageFile> files = new ArrayList<>();
        private String imageUrl;
        private String sourcePageUrl;
        private String idempotencyKey;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds a reference photo (up to three). */
        public Builder file(ImageFile file) {
            files.add(file);
            return this;
        }

        /** Adds a reference photo from disk. */
        public Builder file(Path path) {
            return file(ImageFile.of(path));
        }

        /** A direct link to one image, fetched by Vtry, instead of files. */
        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        public Builder sourcePageUrl(String sourcePageUrl) {
            this.sourcePageUrl = sourcePageUrl;
            return this;
        }

        /** The operation's key: sending a request with the same key again creates nothing twice. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public CreatePersonRequest build() {
            return new CreatePersonRequest(name, files, imageUrl, sourcePageUrl, idempotencyKey);
        }
    }
}
