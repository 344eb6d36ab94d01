package ai.vtry.generation.lookup;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.vtry.common.auth.ForwardedToken;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** person-service's internal API, with the caller's token; use it through {@link InputLookup}. */
@RegisterRestClient(configKey = "person-service")
@RegisterClientHeaders(ForwardedToken.class)
interface PersonRestClient {

    @GET
    @Path("/internal/persons/{id}")
    Uni<PersonInputs> find(@PathParam("id") String id);
}
