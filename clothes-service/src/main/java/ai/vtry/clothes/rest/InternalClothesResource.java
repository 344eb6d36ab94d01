package ai.vtry.clothes.rest;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestQuery;

import ai.vtry.clothes.repository.ClothRepository;
import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * {@code GET /internal/clothes?ids=cl_a,cl_b}: the storage keys of the caller's clothes, for
 * generation-service to queue a try-on or an edit. Called with the caller's token; ids of other
 * workspaces (or unknown ones) are simply absent from the answer, the caller decides what that means.
 */
@Path("/internal/clothes")
public class InternalClothesResource {

    /** At most this many ids per call (a generation uses up to 7). */
    static final int MAX_IDS = 20;

    public record ClothInputs(String id, String imageKey, String sourceUrl) {
    }

    public record ClothInputsList(List<ClothInputs> clothes) {
    }

    private final ClothRepository clothes;
    private final JsonWebToken token;

    public InternalClothesResource(ClothRepository clothes, JsonWebToken token) {
        this.clothes = clothes;
        this.token = token;
    }

    @GET
    public Uni<ClothInputsList> find(@RestQuery String ids) {
        String workspace = Caller.of(token).workspaceId();
        List<String> wanted = ids == null ? List.of()
                : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (wanted.isEmpty() || wanted.size() > MAX_IDS) {
            throw ApiException.validation("ids", "ids must list 1 to " + MAX_IDS + " cloth ids");
        }
        return clothes.findAllInWorkspace(wanted, workspace).map(found -> new ClothInputsList(
                found.stream().map(c -> new ClothInputs(c.getId(), c.getImageKey(), c.getSourceUrl())).toList()));
    }
}
