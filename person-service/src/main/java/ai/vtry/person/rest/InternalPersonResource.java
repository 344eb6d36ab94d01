package ai.vtry.person.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.person.repository.PersonRepository;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * {@code GET /internal/persons/{personId}}: what generation-service needs to queue a try-on, the
 * person's composite as a storage key (the public API only shows signed links). Called with the
 * caller's token, so another workspace's person is a 404 here too.
 */
@Path("/internal/persons")
public class InternalPersonResource {

    /** {@code compositeKey} is null until a compose job has finished. */
    public record PersonInputs(String id, String name, String compositeKey) {
    }

    private final PersonRepository persons;
    private final JsonWebToken token;

    public InternalPersonResource(PersonRepository persons, JsonWebToken token) {
        this.persons = persons;
        this.token = token;
    }

    @GET
    @Path("/{personId}")
    public Uni<PersonInputs> find(@RestPath String personId) {
        return persons.findInWorkspace(personId, Caller.of(token).workspaceId())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Person", personId))
                .map(person -> new PersonInputs(person.getId(), person.getName(), person.getCompositeKey()));
    }
}
