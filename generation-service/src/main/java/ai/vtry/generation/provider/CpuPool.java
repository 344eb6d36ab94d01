package ai.vtry.generation.provider;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * CPU-bound image work (rendering, decoding, transcoding, base64) on a fixed number of threads, by
 * default one per core. A worker keeps hundreds of jobs in flight: without this bound, 500 queued
 * local jobs would start 500 renders at once (and 500 decoded 4K images would not fit in memory).
 * Work beyond the bound waits in the queue; callers resume on their own context afterwards.
 */
public final class CpuPool implements AutoCloseable {

    private final int threads;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /** {@code threads} of 0 or less: one per core. */
    public CpuPool(int threads, MeterRegistry registry) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger created = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(this.threads, this.threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "vtry-cpu-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setContextClassLoader(CpuPool.class.getClassLoader());
                    return thread;
                });
        Gauge.builder("vtry.worker.cpu.busy", busy, AtomicInteger::get)
                .description("Image work running on the CPU pool now").register(registry);
        Gauge.builder("vtry.worker.cpu.queued", pool, p -> p.getQueue().size())
                .description("Image work waiting for a CPU thread").register(registry);
        Gauge.builder("vtry.worker.cpu.threads", this, CpuPool::threads)
                .description("Threads of the CPU pool (VTRY_WORKER_CPU_THREADS, default the cores)").register(registry);
    }

    /** Runs {@code work} on the pool; the item (or failure) is emitted on the pool's thread. */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().item(() -> {
            peak.accumulateAndGet(busy.incrementAndGet(), Math::max);
            try {
                return work.get();
            } finally {
                busy.decrementAndGet();
            }
        }).runSubscriptionOn(pool);
    }

    public int threads() {
        return threads;
    }

    /** The most work items that ever ran at once (never more than {@link #threads()}). */
    public int peak() {
        return peak.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
