package ai.vtry.person.repository;

import java.util.List;

import ai.vtry.person.entity.Person;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
@WithSession
public class PersonRepository implements PanacheRepositoryBase<Person, String> {

    /** The person if it exists in {@code workspaceId}; another workspace's person is as good as missing. */
    public Uni<Person> findInWorkspace(String id, String workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResult();
    }

    /** As {@link #findInWorkspace}, row-locked until the transaction ends, so image changes run one at a time. */
    public Uni<Person> lockInWorkspace(String id, String workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Person>> listNewestFirst(String workspaceId) {
        return list("workspaceId = ?1", Sort.descending("createdAt", "id"), workspaceId);
    }
}
