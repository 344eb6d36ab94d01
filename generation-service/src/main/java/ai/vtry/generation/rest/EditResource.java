package ai.vtry.generation.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import ai.vtry.common.auth.Caller;
import ai.vtry.generation.service.EditRequest;
import ai.vtry.generation.service.EditService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** POST /api/v1/edits: queues an edit of one image; 202 with the requestId to poll. */
@Path("/api/v1/edits")
public class EditResource {

    private final EditService service;
    private final JsonWebToken token;

    public EditResource(EditService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<EditService.Queued>> create(EditRequest body) {
        return service.submit(Caller.of(token), body).map(queued -> RestResponse.status(RestResponse.Status.ACCEPTED, queued));
    }
}
