package ai.vtry.gateway.messaging;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The retry budget of a failed slot release. Its effect with a real Redis going down and coming
 * back is in RedisOutageTest.
 */
class JobCompletedConsumerTest {

    @Test
    void theFirstRecordOfAnOutageRetriesAfterOneTwoFourEightAndSixteenSeconds() {
        assertEquals(List.of(ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(8), ofSeconds(16)),
                delays(Duration.ZERO));
    }

    @Test
    void laterRecordsOfAnOutageShareItsBudget() {
        assertEquals(List.of(ofSeconds(1), ofSeconds(2)), delays(ofSeconds(31)));
        assertEquals(List.of(), delays(ofSeconds(35)));
        assertFalse(JobCompletedConsumer.retries(ofSeconds(35), JobCompletedConsumer.FIRST_RETRY));
        assertTrue(JobCompletedConsumer.retries(ofSeconds(34), JobCompletedConsumer.FIRST_RETRY));
    }

    /** The delays a record sees whose every attempt fails at once, its first {@code start} into the outage. */
    private static List<Duration> delays(Duration start) {
        List<Duration> delays = new ArrayList<>();
        Duration failingFor = start;
        for (Duration delay = JobCompletedConsumer.FIRST_RETRY; JobCompletedConsumer.retries(failingFor, delay);
                delay = delay.multipliedBy(2)) {
            delays.add(delay);
            failingFor = failingFor.plus(delay);
        }
        return delays;
    }
}
