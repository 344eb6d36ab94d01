package ai.vtry.generation.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import ai.vtry.common.event.JobKind;
import ai.vtry.generation.config.WorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The slots of the jobs this instance runs at once, shared by the four request topics
 * (VTRY_WORKER_MAX_IN_FLIGHT). A job waiting on its provider holds a slot, never a thread. When all
 * slots are taken, {@link #acquire} completes only once a job ends: the consumer that asked takes
 * no further record meanwhile, and the Kafka connector pauses its partitions instead of buffering
 * without bound.
 */
// Startup: its gauges are in /q/metrics before the first job.
@Startup
@ApplicationScoped
public class InFlight {

    private final int limit;
    private final Map<JobKind, AtomicInteger> running = new EnumMap<>(JobKind.class);
    private final Deque<Waiter> waiting = new ArrayDeque<>(); // guarded by this
    private int taken; // guarded by this
    private volatile boolean stopping;

    private record Waiter(JobKind kind, CompletableFuture<Void> slot) {
    }

    public InFlight(WorkerConfig config, MeterRegistry registry) {
        this.limit = config.maxInFlight();
        for (JobKind kind : JobKind.values()) {
            AtomicInteger count = new AtomicInteger();
            running.put(kind, count);
            Gauge.builder("vtry.worker.jobs.in.flight", count, AtomicInteger::get).tag("kind", kind.wireName())
                    .description("Jobs this instance is running now").register(registry);
        }
        Gauge.builder("vtry.worker.jobs.waiting", this, InFlight::waiting)
                .description("Records waiting for a free slot (the instance is at its in-flight limit)").register(registry);
        Gauge.builder("vtry.worker.jobs.limit", this, InFlight::limit)
                .description("Jobs this instance runs at once at most (VTRY_WORKER_MAX_IN_FLIGHT)").register(registry);
    }

    /** Completes when a slot for a job of {@code kind} is taken: at once while fewer than the limit run. */
    public CompletionStage<Void> acquire(JobKind kind) {
        synchronized (this) {
            if (taken >= limit || stopping) {
                CompletableFuture<Void> slot = new CompletableFuture<>();
                waiting.add(new Waiter(kind, slot));
                return slot;
            }
            taken++;
        }
        running.get(kind).incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    /** Frees the slot of a job of {@code kind} that ended; the longest waiter gets it. */
    public void release(JobKind kind) {
        running.get(kind).decrementAndGet();
        Waiter next;
        synchronized (this) {
            next = stopping ? null : waiting.poll();
            if (next == null) {
                taken--;
                return;
            }
        }
        running.get(next.kind()).incrementAndGet();
        next.slot().complete(null); // outside the lock: the waiter's continuation runs here
    }

    /**
     * True once the instance is shutting down: jobs still running are neither acknowledged nor failed
     * (their records go to the next owner of the partition, which follows the remembered provider
     * request), and no waiting record starts.
     */
    public boolean stopping() {
        return stopping;
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    public int limit() {
        return limit;
    }

    /** Jobs running now, all kinds together. */
    public synchronized int taken() {
        return taken;
    }

    private synchronized int waiting() {
        return waiting.size();
    }
}
