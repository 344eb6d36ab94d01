package ai.vtry.job.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestQuery;

import ai.vtry.common.auth.Caller;
import ai.vtry.job.service.UsageService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** GET /api/v1/usage: the workspace's jobs, images and provider time over a period, by day, kind or model. */
@Path("/api/v1/usage")
public class UsageResource {

    private final UsageService usage;
    private final JsonWebToken token;

    public UsageResource(UsageService usage, JsonWebToken token) {
        this.usage = usage;
        this.token = token;
    }

    @GET
    public Uni<UsageService.Report> get(@RestQuery String from, @RestQuery String to, @RestQuery String groupBy) {
        return usage.report(Caller.of(token), from, to, groupBy);
    }
}
