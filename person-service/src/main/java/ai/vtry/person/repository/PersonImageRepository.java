package ai.vtry.person.repository;

import java.util.List;

import ai.vtry.person.entity.PersonImage;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class PersonImageRepository implements PanacheRepositoryBase<PersonImage, String> {

    /** A person's reference images in position order. */
    public Uni<List<PersonImage>> listFor(String personId) {
        return list("personId = ?1", Sort.ascending("position"), personId);
    }

    /** The image with {@code key} if it belongs to {@code personId}. */
    public Uni<PersonImage> findFor(String personId, String key) {
        return find("objectKey = ?1 and personId = ?2", key, personId).firstResult();
    }

    public Uni<Long> deleteFor(String personId) {
        return delete("personId = ?1", personId);
    }

    /** Points a row at a new storage key; the key is the primary key, so JPA cannot change it. */
    public Uni<Integer> rekey(String oldKey, String newKey) {
        return getSession().chain(session -> session
                .createNativeQuery("update person_images set key = ?1 where key = ?2")
                .setParameter(1, newKey)
                .setParameter(2, oldKey)
                .executeUpdate());
    }
}
