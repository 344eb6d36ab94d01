package ai.vtry.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.vtry.common.event.JobCompleted;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.testsupport.Infra;
import ai.vtry.common.testsupport.ServiceProcess;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;

/**
 * webhook-service as operators run it: packaged, as its own processes sharing one database and one
 * consumer group. A delivery whose first attempt failed still goes out after kill -9 of every
 * replica, once its retry is due; two replicas never send one attempt twice.
 */
class WebhookProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String TOPIC = "webhook-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ServiceProcess replica(String name) throws Exception {
        return new ServiceProcess(name, Map.of("VTRY_FETCH_ALLOW_HOSTS", "127.0.0.1"), List.of(
                "-Dmp.messaging.incoming.job-completed.topic=" + TOPIC,
                "-Dmp.messaging.incoming.job-completed.group.id=" + TOPIC,
                // Killed members give their partitions up after 6 s instead of 45 s.
                "-Dmp.messaging.incoming.job-completed.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.job-completed.heartbeat.interval.ms=1000",
                "-Dvtry.webhooks.retry-schedule=PT5S")).start();
    }

    private static void finished(KafkaProducer<String, String> producer, Account account, String jobId) throws Exception {
        JobCompleted event = new JobCompleted(JobCompleted.VERSION, UUID.randomUUID(), Instant.now(), jobId,
                account.workspaceId(), account.userId(), JobKind.GENERATION, JobStatus.COMPLETED, List.of(), null, Map.of(),
                Map.of("id", jobId, "status", "COMPLETED"));
        producer.send(new ProducerRecord<>(TOPIC, jobId, JSON.writeValueAsString(event))).get();
    }

    @Test
    void aDeliveryOutlivesKill9OfEveryReplicaAndTwoReplicasSendEachAttemptOnce() throws Exception {
        String bootstrap = Infra.external("KAFKA_BOOTSTRAP");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
        }
        Account account = TestTokens.newAccount("pro");
        try (Receiver receiver = new Receiver().answering(503);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ServiceProcess first = replica("webhook-it-1");
            ServiceProcess second = replica("webhook-it-2");
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(first.url() + "/api/v1/webhooks")).header("Authorization", account.bearer())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"events\":[\"*\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            // The first attempt is refused (503) and recorded; every replica dies before the retry is due.
            // (An attempt killed before it is recorded is sent again when its lease passes: DeliveryClaimsTest.)
            String endpoint = JSON.readTree(created.body()).path("id").asText();
            finished(producer, account, "req_killed");
            Awaitility.await().atMost(WAIT).until(() -> JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(first.url() + "/api/v1/webhooks/" + endpoint + "/deliveries"))
                    .header("Authorization", account.bearer()).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("deliveries").path(0).path("lastStatusCode").asInt() == 503);
            assertEquals(1, receiver.received().size());
            first.kill();
            second.kill();
            try (ServiceProcess third = replica("webhook-it-3"); ServiceProcess fourth = replica("webhook-it-4")) {
                Awaitility.await().atMost(WAIT).until(() -> receiver.received().size() == 2);
                assertEquals(receiver.received().get(0).id(), receiver.received().get(1).id(), "the retry of the same event");

                // Two replicas share the work: 100 events, each delivered exactly once.
                for (int i = 0; i < 100; i++) {
                    finished(producer, account, "req_shared_" + i);
                }
                Awaitility.await().atMost(WAIT).until(() -> receiver.received().size() >= 102);
                Thread.sleep(1500);
                List<Receiver.Received> all = receiver.received();
                assertEquals(102, all.size());
                assertEquals(101, new HashSet<>(all.stream().map(Receiver.Received::id).toList()).size());
                double sentByThird = third.metric("vtry_webhooks_deliveries_total", "outcome=\"delivered\"");
                double sentByFourth = fourth.metric("vtry_webhooks_deliveries_total", "outcome=\"delivered\"");
                assertEquals(101, sentByThird + sentByFourth, "every delivery counted once, by one replica");
            }
        }
    }
}
