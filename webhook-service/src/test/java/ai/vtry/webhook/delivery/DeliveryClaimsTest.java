package ai.vtry.webhook.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.vtry.common.id.Ids;
import ai.vtry.webhook.Receiver;
import ai.vtry.webhook.entity.Endpoint;
import ai.vtry.webhook.repository.DeliveryRepository;
import ai.vtry.webhook.repository.EndpointRepository;
import ai.vtry.webhook.signing.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * Replicas share one table: attempts are claimed with FOR UPDATE SKIP LOCKED and a lease, so
 * concurrent runners never send one attempt twice, and an attempt claimed by a replica that died
 * (kill -9 between claim and send) is sent once its lease passes.
 */
@QuarkusTest
class DeliveryClaimsTest {

    @Inject
    EndpointRepository endpoints;
    @Inject
    DeliveryRepository deliveries;
    @Inject
    DeliveryRunner runner;

    private Endpoint endpoint(Receiver receiver) {
        Instant now = Instant.now();
        return endpoints.insert(new Endpoint(Ids.newId("wh"), Ids.newId("ws"), receiver.url(), null, List.of("*"), true,
                null, WebhookSignature.newSecret(), null, null, null, now, now), 20).await().atMost(Duration.ofSeconds(10));
    }

    private void enqueue(Endpoint endpoint, String eventId) {
        deliveries.enqueue(endpoint.workspaceId(), eventId, "job.completed", "req_x", "{\"type\":\"job.completed\",\"data\":{}}",
                Instant.now()).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void runnersWorkingAtOnceSendEveryAttemptExactlyOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Endpoint endpoint = endpoint(receiver);
            for (int i = 0; i < 60; i++) {
                enqueue(endpoint, UUID.randomUUID().toString());
            }
            // Four runners at once, as four replicas (the scheduled one of this instance joins in too).
            List<Uni<Void>> replicas = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replicas.add(runner.runDue());
            }
            Uni.join().all(replicas).andFailFast().await().atMost(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 60);
            Thread.sleep(1500);
            List<Receiver.Received> received = receiver.received();
            assertEquals(60, received.size());
            assertEquals(60, new HashSet<>(received.stream().map(Receiver.Received::id).toList()).size());
        }
    }

    @Test
    void anAttemptClaimedByAReplicaThatDiedIsSentOnceItsLeasePasses() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Endpoint endpoint = endpoint(receiver);
            String eventId = UUID.randomUUID().toString();
            enqueue(endpoint, eventId);
            // Claim it the way a replica does, then "die": never send, never record.
            List<DeliveryRepository.Claimed> claimed = deliveries.claimDue(Instant.now(), Instant.now().plusSeconds(3), 1000)
                    .await().atMost(Duration.ofSeconds(10));
            assertEquals(List.of(eventId), claimed.stream().map(c -> c.delivery().eventId())
                    .filter(eventId::equals).toList());

            Thread.sleep(1500);
            assertEquals(0, receiver.received().size(), "nobody sends it while the lease holds");
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
            assertEquals(eventId, receiver.received().get(0).id());
            Thread.sleep(1500);
            assertEquals(1, receiver.received().size());
        }
    }

    @Test
    void deliveredOnesLeaveTheLogAfterTheirTime() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Endpoint endpoint = endpoint(receiver);
            enqueue(endpoint, UUID.randomUUID().toString());
            runner.runDue().await().atMost(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries.page(endpoint.id(), endpoint.workspaceId(), 1, 10)
                    .await().atMost(Duration.ofSeconds(5)).stream().anyMatch(d -> d.status().equals("delivered")));

            deliveries.forgetFinished(Instant.now().plusSeconds(60)).await().atMost(Duration.ofSeconds(10));
            assertEquals(List.of(), deliveries.page(endpoint.id(), endpoint.workspaceId(), 1, 10).await()
                    .atMost(Duration.ofSeconds(5)));
        }
    }
}
