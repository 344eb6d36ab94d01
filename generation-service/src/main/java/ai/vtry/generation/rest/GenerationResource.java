package ai.vtry.generation.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import ai.vtry.common.auth.Caller;
import ai.vtry.generation.service.GenerationRequest;
import ai.vtry.generation.service.GenerationService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** POST /api/v1/generations: queues a try-on; 202 with the requestId to poll and the composed prompt. */
@Path("/api/v1/generations")
public class GenerationResource {

    private final GenerationService service;
    private final JsonWebToken token;

    public GenerationResource(GenerationService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<GenerationService.Queued>> create(GenerationRequest body) {
        return service.submit(Caller.of(token), body).map(queued -> RestResponse.status(RestResponse.Status.ACCEPTED, queued));
    }
}
