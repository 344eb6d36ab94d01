package ai.vtry.job.sweeper;

import ai.vtry.job.service.JobService;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * No job stays QUEUED or PROCESSING forever. A worker that dies mid-job leaves its request
 * unacknowledged, so Kafka hands it to another worker (the requeue); a job that still has no outcome
 * some time after its deadline (every worker gone, a request lost) is failed here with code
 * {@code timeout}, and announced like any other finished job so slots and subscribers are released.
 */
@ApplicationScoped
public class OverdueJobSweeper {

    private final JobService jobs;

    public OverdueJobSweeper(JobService jobs) {
        this.jobs = jobs;
    }

    @Scheduled(every = "${vtry.jobs.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return jobs.failOverdue()
                .invoke(failed -> {
                    if (failed > 0) {
                        Log.warnf("Failed %d job(s) still unfinished past their deadline", failed);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Sweeping overdue jobs failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
