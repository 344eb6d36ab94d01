package ai.vtry.generation.service;

import ai.vtry.common.error.ApiException;
import ai.vtry.jobclient.CreatedJob;
import ai.vtry.jobclient.JobClient;
import ai.vtry.jobclient.NewJob;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Queues jobs in job-service; a job-service that cannot take them is a 502 the client can retry. */
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
