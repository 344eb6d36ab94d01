package ai.vtry.jobclient;

import ai.vtry.jobapi.NewJob;
import ai.vtry.jobapi.CreatedJob;
import ai.vtry.jobapi.JobSummary;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Creates jobs in job-service. Never retried: the POST is not idempotent and a retry after a lost
 * answer would queue a second job. The breaker stops piling requests on a job-service that is down.
 */
@ApplicationScoped
public class JobClient {

    private final JobRestClient client;

    public JobClient(@RestClient JobRestClient client) {
        this.client = client;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<CreatedJob> create(NewJob job) {
        return client.create(job);
    }

    /** The caller's job, or a failure with a 404 WebApplicationException when it is not theirs. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public Uni<JobSummary> find(String id) {
        return client.find(id);
    }
}
