package ai.vtry.job.service;

import java.time.Duration;

import ai.vtry.job.entity.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Jobs as an operator counts them: created by kind, finished by kind and final status (with the error
 * code of failures), and how long they took from QUEUED to COMPLETED or FAILED.
 */
@ApplicationScoped
public class JobMetrics {

    private final MeterRegistry registry;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void created(Job job) {
        Counter.builder("vtry.jobs.created").description("Jobs created, by kind")
                .tag("kind", job.getKind().wireName())
                .register(registry).increment();
    }

    void finished(Job job) {
        String kind = job.getKind().wireName();
        String status = String.valueOf(job.getStatus());
        String error = job.getError() == null ? "none" : job.getError().code();
        Counter.builder("vtry.jobs.finished").description("Jobs that reached COMPLETED, FAILED or CANCELLED")
                .tag("kind", kind).tag("status", status).tag("error", error)
                .register(registry).increment();
        if (job.getCreatedAt() != null && job.getUpdatedAt() != null) {
            Timer.builder("vtry.jobs.duration").description("From creation to the final status")
                    .tag("kind", kind).tag("status", status)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.between(job.getCreatedAt(), job.getUpdatedAt()));
        }
    }
}
