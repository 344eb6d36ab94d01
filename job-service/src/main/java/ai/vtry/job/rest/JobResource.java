package ai.vtry.job.rest;

import java.time.Duration;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestQuery;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.job.entity.Job;
import ai.vtry.job.mapping.JobView;
import ai.vtry.job.repository.JobRepository;
import ai.vtry.job.service.JobChanges;
import ai.vtry.job.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * GET /api/v1/jobs/{id}: one job of the caller's workspace, at once or, with {@code ?wait=N}, as soon
 * as it is final (COMPLETED, FAILED or CANCELLED) or after N seconds (at most 60), whichever comes
 * first. POST /api/v1/jobs/{id}/cancel stops it.
 */
@Path("/api/v1/jobs")
public class JobResource {

    static final int MAX_WAIT_SECONDS = 60;

    private final JobRepository jobs;
    private final JobService service;
    private final JobChanges changes;
    private final SignedLinks links;
    private final JsonWebToken token;

    public JobResource(JobRepository jobs, JobService service, JobChanges changes, SignedLinks links,
            JsonWebToken token) {
        this.jobs = jobs;
        this.service = service;
        this.changes = changes;
        this.links = links;
        this.token = token;
    }

    @GET
    @Path("/{id}")
    public Uni<JobView> get(@PathParam("id") String id, @RestQuery String wait) {
        Caller caller = Caller.of(token);
        long waitNanos = Duration.ofSeconds(waitSeconds(wait)).toNanos();
        if (waitNanos == 0) {
            return find(id, caller).map(job -> JobView.of(job, links));
        }
        long deadline = System.nanoTime() + waitNanos;
        JobChanges.Watch watch = changes.watch(id);
        return untilFinal(id, caller, watch, deadline)
                .map(job -> JobView.of(job, links))
                .eventually(watch::close);
    }

    /**
     * POST /api/v1/jobs/{id}/cancel: a queued or processing job becomes CANCELLED (and is never run,
     * or its result is dropped); 409 jobFinished for a final one.
     */
    @POST
    @Path("/{id}/cancel")
    public Uni<JobView> cancel(@PathParam("id") String id) {
        return service.cancel(Caller.of(token), id).map(job -> JobView.of(job, links));
    }

    /** Reads the job; while it is not final and time is left, waits for a change (or a recheck) and reads again. */
    private Uni<Job> untilFinal(String id, Caller caller, JobChanges.Watch watch, long deadline) {
        watch.reset();
        return find(id, caller).chain(job -> {
            long left = deadline - System.nanoTime();
            if (job.getStatus().terminal() || left <= 0) {
                return Uni.createFrom().item(job);
            }
            Duration pause = Duration.ofNanos(Math.min(left, JobChanges.RECHECK.toNanos()));
            return watch.next(pause).chain(changed -> untilFinal(id, caller, watch, deadline));
        });
    }

    private Uni<Job> find(String id, Caller caller) {
        return jobs.findInWorkspace(id, caller.workspaceId())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Job", id));
    }

    private static int waitSeconds(String wait) {
        if (wait == null || wait.isEmpty()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(wait);
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation("wait", "wait must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS);
    }
}
