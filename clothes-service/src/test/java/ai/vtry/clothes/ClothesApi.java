package ai.vtry.clothes;

import static io.restassured.RestAssured.given;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.awt.Color;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobError;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobResult;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.common.testsupport.TestKafka;
import io.restassured.path.json.JsonPath;

/**
 * What the clothes tests share: real images, job-results and job-completed events as job-service
 * writes them, and waiting for clothes.
 */
public final class ClothesApi {

    public static final String CLOTHES = "/api/v1/clothes";
    public static final byte[] RED_PNG = TestImages.png(64, 96, Color.RED);
    public static final byte[] BLUE_JPEG = TestImages.jpeg(48, 80, Color.BLUE);

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /**
     * A result job-service hands over before the job completes, addressed the way job-service addresses
     * it; {@code parameters} as clothes-service itself sets them when it creates the job.
     */
    public static JobResult result(JobKind kind, String workspaceId, String imageKey, Map<String, Object> parameters) {
        return new JobResult(JobResult.VERSION, UUID.randomUUID(), Instant.now(), "req_" + UUID.randomUUID(),
                workspaceId, "usr_test", kind, JobResult.ownerOf(kind, parameters),
                imageKey == null ? List.of() : List.of(imageKey), parameters);
    }

    /** The same result for another image (same job, same event id). */
    public static JobResult withImage(JobResult result, String imageKey) {
        return new JobResult(result.version(), result.eventId(), result.occurredAt(), result.jobId(), result.workspaceId(),
                result.userId(), result.kind(), result.owner(), List.of(imageKey), result.parameters());
    }

    /** A finished clothes job; {@code parameters} as clothes-service itself sets them when it creates the job. */
    public static JobCompleted finished(JobKind kind, JobStatus status, String workspaceId, String imageKey,
            Map<String, Object> parameters) {
        return new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), Instant.now(), "req_" + UUID.randomUUID(),
                workspaceId, "usr_test", kind, status, imageKey == null ? List.of() : List.of(imageKey),
                status == JobStatus.FAILED ? new JobError("processingFailed", "no") : null, parameters, Map.of());
    }

    public static Map<String, Object> parameters(String mode, String sourceUrl, String inputKey) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", mode);
        parameters.put("sourceUrl", sourceUrl);
        if (inputKey != null) {
            parameters.put("inputKey", inputKey);
        }
        return parameters;
    }

    /** Publishes on job-results; events with the same key are consumed in order. */
    public static void publish(String key, JobResult result) {
        send(Topics.JOB_RESULTS, key, result);
    }

    /** Publishes on job-completed. */
    public static void publishCompleted(String key, JobCompleted event) {
        send(Topics.JOB_COMPLETED, key, event);
    }

    private static void send(String topic, String key, Object event) {
        try {
            TestKafka.send(topic, key, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the workspace's first page of 100 lists a cloth whose signed link points at {@code key}. */
    public static JsonPath awaitClothWithKey(String bearer, String key) {
        await().atMost(ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                .queryParam("pageSize", 100).get(CLOTHES)
                .then().statusCode(200).body("clothes.imageUrl.collect { it.substring(0, it.indexOf('?')) }",
                        hasItem("http://localhost:8080/files/" + key)));
        return given().header("Authorization", bearer).queryParam("pageSize", 100).get(CLOTHES).then().extract().jsonPath();
    }

    /** The cloth (id, imageUrl, sourceUrl) whose link points at {@code key}, from a list response. */
    public static Map<String, Object> clothWithKey(JsonPath list, String key) {
        List<Map<String, Object>> clothes = list.getList("clothes");
        return clothes.stream().filter(c -> ((String) c.get("imageUrl")).startsWith("http://localhost:8080/files/" + key + "?"))
                .findFirst().orElseThrow(() -> new AssertionError("no cloth for " + key + " in " + clothes));
    }

    private ClothesApi() {
    }
}
