package ai.vtry.job.repository;

import java.time.Instant;
import java.util.List;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.job.entity.Job;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
@WithSession
public class JobRepository implements PanacheRepositoryBase<Job, String> {

    /** The job if it exists in {@code workspaceId}; another workspace's job is as good as missing. */
    public Uni<Job> findInWorkspace(String id, String workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResult();
    }

    /**
     * The job, locked for the caller's transaction: every change of a job's status reads it so, so a
     * client's cancel and a worker's report never both win (the second sees the first's outcome).
     */
    public Uni<Job> findForUpdate(String id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** One page of a workspace's jobs, newest first; {@code kinds} null means every kind; empty past any int offset. */
    public Uni<List<Job>> page(String workspaceId, List<JobKind> kinds, int page, int pageSize) {
        if ((long) (page - 1) * pageSize > Integer.MAX_VALUE) {
            return Uni.createFrom().item(List.of()); // Panache's offset is an int: it would overflow (a 500)
        }
        return history(workspaceId, kinds).page(Page.of(page - 1, pageSize)).list();
    }

    public Uni<Long> count(String workspaceId, List<JobKind> kinds) {
        return history(workspaceId, kinds).count();
    }

    /**
     * Unfinished jobs whose deadline is before {@code cutoff}, locked for the caller's transaction;
     * Postgres re-checks the status after a lock wait, so two sweepers never fail the same job twice.
     */
    public Uni<List<Job>> overdue(Instant cutoff, int limit) {
        // A held result is done on the provider's side: it waits for its owner, however long that is down.
        return find("status in ?1 and deadline < ?2 and awaitingOwner is null", Sort.ascending("deadline"),
                List.of(JobStatus.QUEUED, JobStatus.PROCESSING), cutoff)
                .withLock(LockModeType.PESSIMISTIC_WRITE).page(Page.ofSize(limit)).list();
    }

    private io.quarkus.hibernate.reactive.panache.PanacheQuery<Job> history(String workspaceId, List<JobKind> kinds) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        return kinds == null
                ? find("workspaceId = ?1", newestFirst, workspaceId)
                : find("workspaceId = ?1 and kind in ?2", newestFirst, workspaceId, kinds);
    }
}
