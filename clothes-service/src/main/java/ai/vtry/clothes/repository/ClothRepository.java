package ai.vtry.clothes.repository;

import java.util.List;

import ai.vtry.clothes.entity.Cloth;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class ClothRepository implements PanacheRepositoryBase<Cloth, String> {

    /** The cloth if it exists in {@code workspaceId}; another workspace's cloth is as good as missing. */
    public Uni<Cloth> findInWorkspace(String id, String workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResult();
    }

    /** The clothes among {@code ids} that exist in {@code workspaceId}, in no particular order. */
    public Uni<List<Cloth>> findAllInWorkspace(List<String> ids, String workspaceId) {
        return list("id in ?1 and workspaceId = ?2", ids, workspaceId);
    }

    /** One page (from 1) of a workspace's clothes, newest first; empty past any int offset. */
    public Uni<List<Cloth>> page(String workspaceId, int page, int pageSize) {
        if ((long) (page - 1) * pageSize > Integer.MAX_VALUE) {
            return Uni.createFrom().item(List.of()); // Panache's offset is an int: it would overflow (a 500)
        }
        return inWorkspace(workspaceId).page(Page.of(page - 1, pageSize)).list();
    }

    public Uni<Long> count(String workspaceId) {
        return count("workspaceId = ?1", workspaceId);
    }

    /** The cloth a job already produced, if any. */
    public Uni<Cloth> findByJob(String jobId) {
        return find("jobId = ?1", jobId).firstResult();
    }

    private PanacheQuery<Cloth> inWorkspace(String workspaceId) {
        return find("workspaceId = ?1", Sort.descending("createdAt", "id"), workspaceId);
    }
}
