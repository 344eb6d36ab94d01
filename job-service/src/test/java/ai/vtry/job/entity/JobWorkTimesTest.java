package ai.vtry.job.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobKind;

/** The provider's time on a job (usage): from the worker's start to its outcome, not to the owner's answer. */
class JobWorkTimesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static Job job() {
        return new Job("req_a", "ws_a", "u_a", JobKind.GENERATION, "NanoBanana", "p", Map.of(), null, T0,
                T0.plusSeconds(600));
    }

    @Test
    void fromStartToResult() {
        Job job = job();
        job.start(T0.plusSeconds(1));
        job.complete(List.of("k"), Map.of(), T0.plusSeconds(13));
        assertEquals(T0.plusSeconds(1), job.getWorkStartedAt());
        assertEquals(T0.plusSeconds(13), job.getWorkEndedAt());
    }

    @Test
    void aHeldResultEndedTheWorkWhenItArrived() {
        Job job = job();
        job.start(T0.plusSeconds(1));
        job.holdResult(List.of("k"), Map.of(), "person-service", T0.plusSeconds(5));
        job.completeApplied("person-service", T0.plusSeconds(9));
        assertEquals(T0.plusSeconds(5), job.getWorkEndedAt());
    }

    @Test
    void aJobThatNeverStartedTookNoProviderTime() {
        Job job = job();
        job.fail(new JobError("timeout", "late"), T0.plusSeconds(600));
        assertNull(job.getWorkStartedAt());
        assertNull(job.getWorkEndedAt());
    }
}
