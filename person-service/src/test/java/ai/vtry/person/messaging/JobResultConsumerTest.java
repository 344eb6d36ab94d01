package ai.vtry.person.messaging;

import static io.restassured.RestAssured.given;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobResult;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import ai.vtry.person.PersonApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * job-results events as job-service publishes them. Every event of a test carries the same record
 * key, so they share a partition and are consumed in order: once the last one shows, the earlier
 * ones have been handled too. Each applied result is answered on job-results-applied.
 */
@QuarkusTest
class JobResultConsumerTest {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(config);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void aCompletedComposeJobGivesThePersonItsCover() throws Exception {
        Account account = TestTokens.newAccount("free");
        String bearer = account.bearer();
        String ws = account.workspaceId();
        String personId = PersonApi.create(bearer, "covered", 1).getString("person.id");
        String sentinelId = PersonApi.create(bearer, "sentinel", 1).getString("person.id");
        String partitionKey = "req_" + UUID.randomUUID();
        // generation-service's internal lookup: no composite yet, then the composite's key.
        given().header("Authorization", bearer).get("/internal/persons/" + personId).then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(personId))
                .body("name", org.hamcrest.Matchers.equalTo("covered"))
                .body("compositeKey", org.hamcrest.Matchers.nullValue());

        JobResult first = composed(ws, personId, "composites/" + ws + "/req_a-0.png");
        send(partitionKey, first);
        awaitCover(bearer, personId, "http://localhost:8080/files/composites/" + ws + "/req_a-0.png?");
        // The answer that lets job-service complete the job, written with the cover.
        JsonNode answer = json.readTree(TestKafka.await(Topics.JOB_RESULTS_APPLIED,
                r -> first.jobId().equals(r.key()), ofSeconds(30)).value());
        assertEquals("person-service", answer.get("owner").asText());
        assertEquals(first.jobId(), answer.get("jobId").asText());

        send(partitionKey, composed(ws, personId, "composites/" + ws + "/req_b-0.png"));
        awaitCover(bearer, personId, "http://localhost:8080/files/composites/" + ws + "/req_b-0.png?");

        // A redelivery of the first event changes nothing.
        send(partitionKey, first);
        send(partitionKey, composed(ws, sentinelId, "composites/" + ws + "/req_c-0.png"));
        awaitCover(bearer, sentinelId, "http://localhost:8080/files/composites/" + ws + "/req_c-0.png?");
        given().header("Authorization", bearer).get("/api/v1/persons").then()
                .body("persons.find { it.id == '" + personId + "' }.coverUrl",
                        startsWith("http://localhost:8080/files/composites/" + ws + "/req_b-0.png?"));
        given().header("Authorization", bearer).get("/internal/persons/" + personId).then().statusCode(200)
                .body("compositeKey", org.hamcrest.Matchers.equalTo("composites/" + ws + "/req_b-0.png"));
        given().header("Authorization", TestTokens.newAccount("free").bearer()).get("/internal/persons/" + personId)
                .then().statusCode(404).body("error.code", org.hamcrest.Matchers.equalTo("notFound"));
    }

    @Test
    void otherOwnersAndOtherWorkspacesAreIgnored() throws Exception {
        Account account = TestTokens.newAccount("free");
        String bearer = account.bearer();
        String ws = account.workspaceId();
        String personId = PersonApi.create(bearer, "untouched", 1).getString("person.id");
        String sentinelId = PersonApi.create(bearer, "sentinel", 1).getString("person.id");
        String partitionKey = "req_" + UUID.randomUUID();

        send(partitionKey, new JobResult(JobResult.VERSION, UUID.randomUUID(), Instant.now(), "req_cloth", ws,
                account.userId(), JobKind.CLOTHES_UPLOAD, JobResult.CLOTHES_SERVICE, List.of("clothes/" + ws + "/x.png"),
                Map.of("personId", personId)));
        send(partitionKey, composed("ws_someone_else", personId, "composites/ws_someone_else/req_x-0.png"));
        JobResult gone = composed(ws, "pr_deletedmeanwhile", "composites/" + ws + "/req_y-0.png");
        send(partitionKey, gone);
        send(partitionKey, composed(ws, sentinelId, "composites/" + ws + "/req_z-0.png"));

        awaitCover(bearer, sentinelId, "http://localhost:8080/files/composites/" + ws + "/req_z-0.png?");
        given().header("Authorization", bearer).get("/api/v1/persons").then()
                .body("persons.find { it.id == '" + personId + "' }.coverUrl", nullValue());
        // A result with nothing left to apply to still lets its job complete.
        TestKafka.await(Topics.JOB_RESULTS_APPLIED, r -> gone.jobId().equals(r.key()), ofSeconds(30));
    }

    private static JobResult composed(String workspaceId, String personId, String imageKey) {
        return new JobResult(JobResult.VERSION, UUID.randomUUID(), Instant.now(), "req_" + UUID.randomUUID(),
                workspaceId, "usr_test", JobKind.PERSON_COMPOSE, JobResult.PERSON_SERVICE, List.of(imageKey),
                Map.of("model", "NanoBanana", "personId", personId));
    }

    private void send(String key, JobResult event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, key, json.writeValueAsString(event))).get();
    }

    private static void awaitCover(String bearer, String personId, String prefix) {
        await().atMost(ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer).get("/api/v1/persons")
                .then().statusCode(200)
                .body("persons.find { it.id == '" + personId + "' }.coverUrl", startsWith(prefix)));
    }
}
