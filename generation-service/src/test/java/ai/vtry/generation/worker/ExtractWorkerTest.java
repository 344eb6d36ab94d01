package ai.vtry.generation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobRequested;
import ai.vtry.common.event.Topics;
import ai.vtry.common.id.Ids;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.generation.provider.local.LocalCompositor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** clothes-extract requests as job-service queues them on extract-requests. */
@QuarkusTest
class ExtractWorkerTest {

    private static final Duration WAIT = StatusReports.WAIT;

    @Inject
    ObjectMapper json;
    @Inject
    ObjectStorage storage;

    private String input(String jobId) {
        BufferedImage photo = new BufferedImage(300, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(0xE8E4DC));
        g.fillRect(0, 0, 300, 400);
        g.setColor(new Color(0x1F3A93));
        g.fillRect(90, 80, 120, 240);
        g.dispose();
        String key = "clothes/ws_worker/inputs/" + jobId + ".jpg";
        storage.put(key, LocalCompositor.encode(photo, ImageFormat.JPEG), "image/jpeg");
        return key;
    }

    private JsonNode awaitStatus(String jobId, String status) {
        return StatusReports.await(json, jobId, status);
    }

    @Test
    void extractsTheGarmentOntoAWhiteSquareUnderExtracts() throws Exception {
        String jobId = Ids.newId("req");
        JobRequested request = new JobRequested(UUID.randomUUID(), Instant.now(), jobId, "ws_worker",
                JobKind.CLOTHES_EXTRACT, "NanoBanana", "extract the jacket", Map.of(), List.of(input(jobId)), null);
        TestKafka.send(Topics.EXTRACT_REQUESTS, jobId, json.writeValueAsString(request));

        awaitStatus(jobId, "PROCESSING");
        JsonNode completed = awaitStatus(jobId, "COMPLETED");
        String key = completed.get("imageKeys").get(0).asText();
        assertEquals("extracts/ws_worker/" + jobId + "-1.jpg", key);
        JsonNode response = completed.get("response");
        assertEquals("local", response.get("provider").asText());
        assertEquals(1024, response.get("width").asInt());
        assertEquals(90, response.get("garment").get("x").asInt());
        assertEquals(240, response.get("garment").get("height").asInt());

        BufferedImage stored = LocalCompositor.decode(storage.read(key));
        assertEquals(1024, stored.getWidth());
        assertEquals(1024, stored.getHeight());
        Color corner = new Color(stored.getRGB(5, 5));
        assertTrue(corner.getRed() > 245 && corner.getGreen() > 245 && corner.getBlue() > 245, "white corner: " + corner);
        Color middle = new Color(stored.getRGB(512, 512));
        assertTrue(middle.getBlue() > 120 && middle.getRed() < 60, "the garment in the middle: " + middle);
    }

    @Test
    void anUnreadableExtractRequestGoesToItsDeadLetterTopic() {
        String jobId = Ids.newId("req");
        TestKafka.send(Topics.EXTRACT_REQUESTS, jobId, "{not json");
        ConsumerRecord<String, String> dead = TestKafka.await(Topics.deadLetter(Topics.EXTRACT_REQUESTS),
                r -> jobId.equals(r.key()), WAIT);
        assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
    }
}
