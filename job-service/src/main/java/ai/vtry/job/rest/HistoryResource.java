package ai.vtry.job.rest;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestQuery;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.job.mapping.JobView;
import ai.vtry.job.repository.JobRepository;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** GET /api/v1/history: the workspace's jobs, newest first; {@code kind=images} hides utility jobs. */
@Path("/api/v1/history")
public class HistoryResource {

    public record HistoryPage(List<JobView> jobs, int page, int pageSize, long total, long totalPages) {
    }

    private static final List<JobKind> IMAGE_KINDS = Arrays.stream(JobKind.values()).filter(JobKind::galleryImage).toList();

    private final JobRepository jobs;
    private final SignedLinks links;
    private final JsonWebToken token;

    public HistoryResource(JobRepository jobs, SignedLinks links, JsonWebToken token) {
        this.jobs = jobs;
        this.links = links;
        this.token = token;
    }

    @GET
    public Uni<HistoryPage> list(@RestQuery String page, @RestQuery String pageSize, @RestQuery String kind) {
        FieldErrors errors = new FieldErrors();
        int pageNumber = errors.positiveInt("page", page, 1, Integer.MAX_VALUE);
        int size = errors.positiveInt("pageSize", pageSize, 20, 100);
        String filter = kind == null || kind.isBlank() ? "images" : kind;
        if (!filter.equals("images") && !filter.equals("all")) {
            errors.add("kind", "kind must be images or all");
        }
        errors.throwIfAny();
        Caller caller = Caller.of(token);
        List<JobKind> kinds = filter.equals("images") ? IMAGE_KINDS : null;
        return jobs.count(caller.workspaceId(), kinds).chain(total -> jobs.page(caller.workspaceId(), kinds, pageNumber, size)
                .map(list -> new HistoryPage(list.stream().map(j -> JobView.of(j, links)).toList(), pageNumber, size,
                        total, (total + size - 1) / size)));
    }
}
