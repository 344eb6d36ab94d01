package ai.vtry.generation.worker;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;

/** The worker's reports on job-status, as the worker tests wait for them. */
final class StatusReports {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** The first report with {@code status} about {@code jobId}, parsed. */
    static JsonNode await(ObjectMapper json, String jobId, String status) {
        ConsumerRecord<String, String> record = TestKafka.await(Topics.JOB_STATUS,
                r -> jobId.equals(r.key()) && status.equals(readTree(json, r.value()).path("status").asText()), WAIT);
        return readTree(json, record.value());
    }

    static JsonNode readTree(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + value, e);
        }
    }

    private StatusReports() {
    }
}
