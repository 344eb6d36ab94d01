package ai.vtry.generation.lookup;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.vtry.common.auth.ForwardedToken;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** clothes-service's internal API, with the caller's token; use it through {@link InputLookup}. */
@RegisterRestClient(configKey = "clothes-service")
@RegisterClientHeaders(ForwardedToken.class)
interface ClothesRestClient {

    @GET
    @Path("/internal/clothes")
    Uni<ClothInputs.Found> find(@QueryParam("ids") String commaSeparatedIds);
}
