package ai.vtry.job.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import ai.vtry.common.auth.Caller;
import ai.vtry.job.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** POST /internal/jobs: other services create jobs here, with the caller's token forwarded. */
@Path("/internal/jobs")
public class InternalJobResource {

    public record CreatedJob(String id, String status) {
    }

    private final JobService service;
    private final JsonWebToken token;

    public InternalJobResource(JobService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    public Uni<RestResponse<CreatedJob>> create(CreateJobRequest request) {
        return service.create(Caller.of(token), request)
                .map(job -> RestResponse.status(RestResponse.Status.CREATED, new CreatedJob(job.getId(), job.getStatus().name())));
    }
}
