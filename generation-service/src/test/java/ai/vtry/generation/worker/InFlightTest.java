package ai.vtry.generation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class InFlightTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InFlight inFlight = new InFlight(
            new TestWorkerConfig(2, 1, 0, 0, 3, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO), registry);

    private double gauge(String name, String kind) {
        return kind == null ? registry.get(name).gauge().value() : registry.get(name).tag("kind", kind).gauge().value();
    }

    @Test
    void atTheLimitASlotIsGivenOnlyWhenAJobEndsOldestWaiterFirst() {
        assertTrue(inFlight.acquire(JobKind.GENERATION).toCompletableFuture().isDone());
        assertTrue(inFlight.acquire(JobKind.EDIT).toCompletableFuture().isDone());
        CompletableFuture<Void> third = inFlight.acquire(JobKind.PERSON_COMPOSE).toCompletableFuture();
        CompletableFuture<Void> fourth = inFlight.acquire(JobKind.GENERATION).toCompletableFuture();
        assertFalse(third.isDone(), "two slots, both taken");
        assertEquals(2, gauge("vtry.worker.jobs.waiting", null));
        assertEquals(1, gauge("vtry.worker.jobs.in.flight", "generation"));

        inFlight.release(JobKind.EDIT);
        assertTrue(third.isDone(), "the oldest waiter gets the freed slot");
        assertFalse(fourth.isDone());
        assertEquals(2, inFlight.taken());
        assertEquals(1, gauge("vtry.worker.jobs.in.flight", "person-compose"));
        assertEquals(0, gauge("vtry.worker.jobs.in.flight", "edit"));

        inFlight.release(JobKind.GENERATION);
        inFlight.release(JobKind.PERSON_COMPOSE);
        assertTrue(fourth.isDone());
        inFlight.release(JobKind.GENERATION);
        assertEquals(0, inFlight.taken());
        assertEquals(2, gauge("vtry.worker.jobs.limit", null));
    }

    @Test
    void onceStoppingNoWaitingRecordStarts() {
        inFlight.acquire(JobKind.GENERATION);
        inFlight.acquire(JobKind.GENERATION);
        CompletableFuture<Void> waiting = inFlight.acquire(JobKind.GENERATION).toCompletableFuture();
        inFlight.onShutdown(null);

        inFlight.release(JobKind.GENERATION);
        assertFalse(waiting.isDone(), "its record goes to the next owner of the partition");
        assertTrue(inFlight.stopping());
        assertFalse(inFlight.acquire(JobKind.EDIT).toCompletableFuture().isDone());
    }
}
