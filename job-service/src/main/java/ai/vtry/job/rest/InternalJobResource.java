package ai.vtry.job.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;


import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.job.repository.JobRepository;
import ai.vtry.job.service.JobService;
import ai.vtry.jobapi.CreatedJob;
import ai.vtry.jobapi.JobSummary;
import ai.vtry.jobapi.NewJob;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * The internal jobs API, called by other services with the caller's token forwarded: create a job,
 * or read one of the caller's jobs to use its result as an input (an edit of a generated image).
 */
@Path("/internal/jobs")
public class InternalJobResource {

    private final JobService service;
    private final JobRepository jobs;
    private final JsonWebToken token;

    public InternalJobResource(JobService service, JobRepository jobs, JsonWebToken token) {
        this.service = service;
        this.jobs = jobs;
        this.token = token;
    }

    @GET
    @Path("/{id}")
    public Uni<JobSummary> find(@PathParam("id") String id) {
        return jobs.findInWorkspace(id, Caller.of(token).workspaceId())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Job", id))
                .map(job -> new JobSummary(job.getId(), job.getKind().wireName(), job.getStatus().name(),
                        job.getImageKeys()));
    }

    @POST
    public Uni<RestResponse<CreatedJob>> create(NewJob request) {
        return service.create(Caller.of(token), request)
                .map(job -> RestResponse.status(RestResponse.Status.CREATED, new CreatedJob(job.getId(), job.getStatus().name())));
    }
}
