package ai.vtry.generation.lookup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.vtry.common.error.ApiException;
import ai.vtry.jobclient.JobClient;
import ai.vtry.jobapi.JobSummary;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

/**
 * Finds the stored inputs of a generation or an edit in the services that own them, as the caller
 * (their token is forwarded, so another workspace's ids are 404s). A 404 becomes our own 404; a
 * service that is down or slow becomes a 502 that names it, never a 500.
 */
@ApplicationScoped
public class InputLookup {

    /** A lookup slower than this is a service that is not there: 502 naming it (inside the mapping, so never a 500). */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final PersonRestClient persons;
    private final ClothesRestClient clothes;
    private final JobClient jobs;

    public InputLookup(@RestClient PersonRestClient persons, @RestClient ClothesRestClient clothes, JobClient jobs) {
        this.persons = persons;
        this.clothes = clothes;
        this.jobs = jobs;
    }

    public Uni<PersonInputs> person(String personId) {
        return lookedUp(persons.find(personId), "Person", personId, "personServiceUnavailable");
    }

    /**
     * The clothes in the order asked; any id that is not the caller's is a 404 naming all such ids
     * and the request field they came from.
     */
    public Uni<List<ClothInputs>> clothes(List<String> ids, String field) {
        String joined = String.join(",", ids);
        return lookedUp(clothes.find(joined), "Clothes", joined, "clothesServiceUnavailable")
                .map(found -> {
                    Map<String, ClothInputs> byId = new LinkedHashMap<>();
                    found.clothes().forEach(c -> byId.put(c.id(), c));
                    List<String> missing = ids.stream().filter(id -> !byId.containsKey(id)).toList();
                    if (!missing.isEmpty()) {
                        throw new ApiException(404, "notFound", (missing.size() == 1 ? "Cloth " : "Clothes ")
                                + String.join(", ", missing) + (missing.size() == 1 ? " was" : " were") + " not found",
                                Map.of("field", field, "ids", missing));
                    }
                    return ids.stream().map(byId::get).toList();
                });
    }

    public Uni<JobSummary> job(String jobId) {
        // JobClient times out by itself (its fault tolerance); here only the failure is ours to name.
        return jobs.find(jobId).onFailure().transform(failure("Job", jobId, "jobServiceUnavailable"));
    }

    /** A lookup that is slower than {@link #TIMEOUT} or fails is a 502 naming the service; a 404 is ours. */
    private static <T> Uni<T> lookedUp(Uni<T> call, String what, String id, String unavailableCode) {
        return call.ifNoItem().after(TIMEOUT).fail().onFailure().transform(failure(what, id, unavailableCode));
    }

    private static Function<Throwable, Throwable> failure(String what, String id, String unavailableCode) {
        return e -> {
            if (e instanceof ApiException) {
                return e;
            }
            if (e instanceof WebApplicationException web && web.getResponse() != null
                    && web.getResponse().getStatus() == 404) {
                return ApiException.notFound(what, id);
            }
            Log.warnf("Looking up %s %s failed: %s", what, id, e.toString());
            return ApiException.badGateway(unavailableCode,
                    "A service Vtry depends on is unavailable, try again later");
        };
    }
}
