package ai.vtry.jobclient;

import ai.vtry.common.auth.ForwardedToken;
import ai.vtry.jobapi.NewJob;
import ai.vtry.jobapi.CreatedJob;
import ai.vtry.jobapi.JobSummary;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** job-service's internal API; use it through {@link JobClient}. */
@RegisterRestClient(configKey = "job-service")
@RegisterClientHeaders(ForwardedToken.class)
interface JobRestClient {

    @POST
    @Path("/internal/jobs")
    Uni<CreatedJob> create(NewJob job);

    @GET
    @Path("/internal/jobs/{id}")
    Uni<JobSummary> find(@PathParam("id") String id);
}
