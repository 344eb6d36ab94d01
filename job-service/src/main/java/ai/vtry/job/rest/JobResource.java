package ai.vtry.job.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.job.mapping.JobView;
import ai.vtry.job.repository.JobRepository;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** GET /api/v1/jobs/{id}: poll one job of the caller's workspace. */
@Path("/api/v1/jobs")
public class JobResource {

    private final JobRepository jobs;
    private final SignedLinks links;
    private final JsonWebToken token;

    public JobResource(JobRepository jobs, SignedLinks links, JsonWebToken token) {
        this.jobs = jobs;
        this.links = links;
        this.token = token;
    }

    @GET
    @Path("/{id}")
    public Uni<JobView> get(@PathParam("id") String id) {
        Caller caller = Caller.of(token);
        return jobs.findInWorkspace(id, caller.workspaceId())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Job", id))
                .map(job -> JobView.of(job, links));
    }
}
