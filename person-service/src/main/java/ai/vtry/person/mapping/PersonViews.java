package ai.vtry.person.mapping;

import ai.vtry.common.link.SignedLinks;
import ai.vtry.person.entity.Person;
import ai.vtry.person.entity.PersonImage;

/** Persons and images as the public API shows them; stored keys become signed links. */
public final class PersonViews {

    /** {@code {"id","name"}}, the person as other responses name it. */
    public record PersonRef(String id, String name) {
    }

    /** An entry of GET /api/v1/persons; {@code coverUrl} is null until the person is composed. */
    public record PersonItem(String id, String name, String coverUrl) {
    }

    /** A reference image just stored. */
    public record StoredFile(String key, String url, String fileName, String contentType, long size) {
    }

    /** A reference image of GET /api/v1/persons/{personId}/images. */
    public record ImageLink(String key, String url) {
    }

    public static PersonRef ref(Person person) {
        return new PersonRef(person.getId(), person.getName());
    }

    public static PersonItem item(Person person, SignedLinks links) {
        return new PersonItem(person.getId(), person.getName(), links.url(person.getCompositeKey()));
    }

    public static StoredFile stored(PersonImage image, SignedLinks links) {
        return new StoredFile(image.getObjectKey(), links.url(image.getObjectKey()), image.getFileName(),
                image.getContentType(), image.getSize());
    }

    public static ImageLink link(PersonImage image, SignedLinks links) {
        return new ImageLink(image.getObjectKey(), links.url(image.getObjectKey()));
    }

    private PersonViews() {
    }
}
