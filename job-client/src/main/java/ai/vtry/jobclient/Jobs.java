package ai.vtry.jobclient;

import ai.vtry.jobapi.NewJob;
import ai.vtry.jobapi.CreatedJob;
import ai.vtry.common.error.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Queues jobs in job-service for the services that create them; a job-service that cannot take them
 * (down, slow, its circuit open) is a 502 jobServiceUnavailable the client can retry.
 */
@ApplicationScoped
public class Jobs {

    private final JobClient client;

    public Jobs(JobClient client) {
        this.client = client;
    }

    /** The new job's id (the caller's requestId). */
    public Uni<String> create(NewJob job) {
        return client.create(job)
                .onFailure().transform(e -> {
                    Log.warnf("Creating a %s job failed: %s", job.kind().wireName(), e.toString());
                    return ApiException.badGateway("jobServiceUnavailable", "The job service is unavailable, try again later");
                })
                .map(CreatedJob::id);
    }
}
