package ai.vtry.job.rest;

import java.time.Duration;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.job.entity.Job;
import ai.vtry.job.mapping.JobView;
import ai.vtry.job.repository.JobRepository;
import ai.vtry.job.service.JobChanges;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * GET /api/v1/jobs/{id}/events: the job as Server-Sent Events. The current state at once, then each
 * new one ({@code queued}, {@code processing}, {@code completed}, {@code failed} or {@code cancelled}, the job's body as
 * data), and the stream ends after the final one; {@code processing} comes again whenever the
 * provider's progress changes. An event's id is the state's rank (1 queued, 2 processing, 3 final),
 * for progress followed by its version ({@code 2.<ms>}): a client that reconnects with
 * {@code Last-Event-ID} gets only what is newer.
 * A comment every 15 s keeps proxies from closing a quiet stream. Reconnecting after the final state
 * is answered 204 (which stops a browser's EventSource). Followed like a long poll
 * ({@link JobChanges}): no thread is held while the job does not change.
 */
@Path("/api/v1/jobs")
public class JobEventsResource {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final JobRepository jobs;
    private final JobChanges changes;
    private final SignedLinks links;
    private final JsonWebToken token;
    private final ObjectMapper json;

    public JobEventsResource(JobRepository jobs, JobChanges changes, SignedLinks links, JsonWebToken token,
            ObjectMapper json) {
        this.jobs = jobs;
        this.changes = changes;
        this.links = links;
        this.token = token;
        this.json = json;
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @BeforeTheStream
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        Caller caller = Caller.of(token);
        Seen alreadySeen = Seen.of(lastEventId);
        return Multi.createFrom().emitter(emitter -> {
            JobChanges.Watch watch = changes.watch(id);
            emitter.onTermination(watch::close);
            new Stream(id, caller, watch, emitter, sse, alreadySeen).next();
        });
    }

    /**
     * A stream's headers leave before its first event, too early for a status: a job the caller
     * cannot see is answered 404 here, before the stream starts.
     */
    @ServerRequestFilter
    @BeforeTheStream
    public Uni<Response> beforeTheStream(ResteasyReactiveContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        int seen = Seen.of(request.getHeaderString("Last-Event-ID")).rank();
        return jobs.findInWorkspace(id, Caller.of(token).workspaceId()).map(job -> {
            if (job == null) {
                ApiException missing = ApiException.notFound("Job", id);
                return Response.status(missing.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(missing.body()).build();
            }
            // The client saw the final state already: 204 tells a browser's EventSource to stop reconnecting.
            return seen >= rankOf(job.getStatus()) && job.getStatus().terminal() ? Response.noContent().build() : null;
        });
    }

    /** One client's stream: read the job, send what is new, wait for a change (or a heartbeat), again. */
    private final class Stream {
        private final String id;
        private final Caller caller;
        private final JobChanges.Watch watch;
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final Sse sse;
        private Seen sent;
        private long lastSentNanos = System.nanoTime();

        Stream(String id, Caller caller, JobChanges.Watch watch, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse,
                Seen alreadySeen) {
            this.id = id;
            this.caller = caller;
            this.watch = watch;
            this.emitter = emitter;
            this.sse = sse;
            this.sent = alreadySeen;
        }

        void next() {
            watch.reset();
            jobs.findInWorkspace(id, caller.workspaceId()).subscribe().with(this::read, emitter::fail);
        }

        private void read(Job job) {
            if (emitter.isCancelled()) {
                return;
            }
            if (job == null) {
                emitter.fail(ApiException.notFound("Job", id));
                return;
            }
            Seen now = Seen.of(job);
            if (now.newerThan(sent)) {
                emitter.emit(event(job, now));
                sent = now;
                lastSentNanos = System.nanoTime();
            }
            if (job.getStatus().terminal()) {
                emitter.complete();
                return;
            }
            if (System.nanoTime() - lastSentNanos >= HEARTBEAT.toNanos()) {
                emitter.emit(sse.newEventBuilder().comment("still " + job.getStatus().name().toLowerCase()).build());
                lastSentNanos = System.nanoTime();
            }
            Duration untilHeartbeat = HEARTBEAT.minusNanos(System.nanoTime() - lastSentNanos);
            Duration pause = untilHeartbeat.compareTo(JobChanges.RECHECK) < 0 ? untilHeartbeat : JobChanges.RECHECK;
            watch.next(pause).subscribe().with(changed -> next(), emitter::fail);
        }

        private OutboundSseEvent event(Job job, Seen state) {
            try {
                return sse.newEventBuilder().id(state.eventId()).name(job.getStatus().name().toLowerCase())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(json.writeValueAsString(JobView.of(job, links))).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("JobView is always serializable", e);
            }
        }
    }

    private static int rankOf(JobStatus status) {
        return switch (status) {
            case QUEUED -> 1;
            case PROCESSING -> 2;
            case COMPLETED, FAILED, CANCELLED -> 3;
        };
    }

    /**
     * What an event shows: the state's rank and, for a provider's progress, its version (the time it
     * was recorded; 0 without progress). Written as the event id, read back from Last-Event-ID.
     */
    record Seen(int rank, long version) {

        static Seen of(Job job) {
            return new Seen(rankOf(job.getStatus()), job.getProgress() == null ? 0 : job.getUpdatedAt().toEpochMilli());
        }

        /** Nothing seen (send everything) when absent or not one of ours. */
        static Seen of(String lastEventId) {
            String id = lastEventId == null ? "" : lastEventId.trim();
            if (!id.matches("[123](\\.\\d{1,18})?")) {
                return new Seen(0, 0);
            }
            int dot = id.indexOf('.');
            return dot < 0 ? new Seen(Integer.parseInt(id), 0)
                    : new Seen(Integer.parseInt(id.substring(0, dot)), Long.parseLong(id.substring(dot + 1)));
        }

        boolean newerThan(Seen other) {
            return rank > other.rank || rank == other.rank && version > other.version;
        }

        String eventId() {
            return version == 0 ? Integer.toString(rank) : rank + "." + version;
        }
    }
}
