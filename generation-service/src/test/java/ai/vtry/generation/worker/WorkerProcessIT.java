package ai.vtry.generation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.vtry.common.event.Channels;
import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobRequested;
import ai.vtry.common.id.Ids;
import ai.vtry.common.testsupport.Infra;
import ai.vtry.common.testsupport.TestImages;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Workers at real provider scale, as operators run them: the packaged service started as its own
 * process (two instances, each with its own request topic), fal played by {@link FalQueueServer}
 * whose requests take as long as each job's prompt says. What job-service would see is read from
 * job-status ({@link StatusWatch}). A 90 s call runs on the instance {@code slow} from the start, so
 * its wait overlaps the other tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String MAIN_TOPIC = "worker-it-" + RUN + "-main";
    private static final String SLOW_TOPIC = "worker-it-" + RUN + "-slow";
    private static final String SHARED_TOPIC = "worker-it-" + RUN + "-shared";
    private static final String HOOKS_TOPIC = "worker-it-" + RUN + "-hooks";
    /** The in-flight limit of the instance {@code slow}. */
    private static final int SLOW_LIMIT = 4;

    private static Vertx vertx;
    private static Redis redis;
    private static FalQueueServer fal;
    private static StatusWatch statuses;
    private static KafkaProducer<String, String> producer;
    private static WorkerProcess main;
    private static WorkerProcess slow;
    private static String longJob;
    private static final List<String> slowHealth = new CopyOnWriteArrayList<>();
    private static Thread healthSampler;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = Infra.external("KAFKA_BOOTSTRAP");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(MAIN_TOPIC, 6, (short) 1), new NewTopic(SLOW_TOPIC, 6, (short) 1),
                    new NewTopic(SHARED_TOPIC, 6, (short) 1), new NewTopic(HOOKS_TOPIC, 6, (short) 1)))
                    .all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, Infra.external("REDIS_URL"));
        // What the gateway does with fal's webhook once its signature checks out (its own test covers that).
        fal = new FalQueueServer(TestImages.jpeg(64, 96, Color.GREEN), (webhook, requestId) -> redis
                .send(Request.cmd(Command.PUBLISH).arg(Channels.providerCallbacks("fal")).arg(requestId)));
        statuses = new StatusWatch(bootstrap);

        slow = new WorkerProcess("worker-it-slow", SLOW_TOPIC, fal.url(),
                Map.of("VTRY_WORKER_MAX_IN_FLIGHT", Integer.toString(SLOW_LIMIT))).start();
        longJob = send(SLOW_TOPIC, "slow", Duration.ofSeconds(90));
        // Liveness and readiness of `slow`, once a second, for as long as the 90 s call runs.
        healthSampler = Thread.ofPlatform().daemon().start(() -> {
            while (statuses.finished(List.of(longJob)) == 0 && !Thread.currentThread().isInterrupted()) {
                slowHealth.add(slow.health("live") + "/" + slow.health("ready"));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        main = new WorkerProcess("worker-it-main", MAIN_TOPIC, fal.url(), Map.of()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (healthSampler != null) {
            healthSampler.interrupt();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {main, slow, statuses, producer, fal}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** Sends a generation request whose fal call takes {@code latency}; the prompt tells the fake fal so. */
    private static String send(String topic, String worker, Duration latency) throws Exception {
        String jobId = Ids.newId("req");
        JobRequested request = new JobRequested(UUID.randomUUID(), Instant.now(), jobId, "ws_worker_it", JobKind.GENERATION,
                "NanoBanana", "job=" + jobId + " worker=" + worker + " latency=" + latency.toMillis(), Map.of(), List.of(),
                Instant.now().plus(Duration.ofMinutes(10)));
        producer.send(new ProducerRecord<>(topic, jobId, JSON.writeValueAsString(request)));
        return jobId;
    }

    private static List<String> send(int count, String topic, String worker, Duration latency) throws Exception {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(send(topic, worker, latency));
        }
        producer.flush();
        return jobs;
    }

    private static void assertCompletedOnce(List<String> jobs) {
        for (String job : jobs) {
            assertEquals(List.of(1L, 0L), List.of(statuses.count(job, "COMPLETED"), statuses.count(job, "FAILED")),
                    job + " reported " + statuses.of(job));
        }
    }

    @Test
    @Order(1)
    void aHundredJobsOfThreeSecondsRunAtOnceOnOneInstance() throws Exception {
        long start = System.nanoTime();
        List<String> jobs = send(100, MAIN_TOPIC, "main", Duration.ofSeconds(3));

        assertTrue(statuses.awaitFinished(jobs, Duration.ofSeconds(15)),
                statuses.finished(jobs) + " of 100 jobs finished within 15 s");
        System.out.printf("worker process: 100 jobs of 3 s each finished in %d ms, at most %d at fal at once%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), fal.peak("main"));
        assertCompletedOnce(jobs);
        assertEquals(100, fal.peak("main"), "with the default limit (256) all 100 ran at fal at once");
        assertTrue(main.metrics().contains("vtry_worker_jobs_limit 256.0"), "the limit is visible in /q/metrics");
    }

    @Test
    @Order(2)
    void theInFlightLimitHoldsAndALongCallDelaysNoOtherJob() throws Exception {
        // Calls of 3 s: long enough that three overlap beside the 90 s one even on a loaded machine (with
        // 1 s calls, a slow pickup once let at most two overlap, and the limit was never reached).
        List<String> jobs = send(12, SLOW_TOPIC, "slow", Duration.ofSeconds(3));

        assertTrue(statuses.awaitFinished(jobs, Duration.ofSeconds(40)), statuses.finished(jobs) + " of 12 finished");
        assertCompletedOnce(jobs);
        assertEquals(0, statuses.finished(List.of(longJob)), "the 90 s call is still running");
        assertEquals(SLOW_LIMIT, fal.peak("slow"), "the 90 s call and three others at a time, never more");
    }

    @Test
    @Order(3)
    void aWorkerKilledWithAHundredJobsInFlightLosesNoneAndSubmitsNoneTwice() throws Exception {
        List<String> jobs = send(100, MAIN_TOPIC, "main", Duration.ofSeconds(8));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jobs.stream().anyMatch(job -> fal.submits(job) == 0)) {
            assertTrue(System.nanoTime() < deadline, "all 100 submitted to fal within 20 s");
            Thread.sleep(50);
        }
        Thread.sleep(500); // the last submissions reach the ledger (remembered right after fal's answer)

        main.kill();
        long restart = System.nanoTime();
        main.start();
        long ready = System.nanoTime();

        assertTrue(statuses.awaitFinished(jobs, Duration.ofSeconds(90)), statuses.finished(jobs) + " of 100 finished");
        System.out.printf("worker process: killed with 100 jobs in flight; the new instance was ready after %d ms "
                + "and all 100 were finished %d ms after the kill%n", Duration.ofNanos(ready - restart).toMillis(),
                Duration.ofNanos(System.nanoTime() - restart).toMillis());
        assertCompletedOnce(jobs);
        for (String job : jobs) {
            assertEquals(1, fal.submits(job), job + ": the new instance followed the remembered request");
        }
    }

    @Test
    @Order(4)
    void twoInstancesTogetherNeverExceedTheProviderKeysConcurrency() throws Exception {
        Map<String, String> capped = Map.of("VTRY_PROVIDER_MAX_CONCURRENT", "5");
        try (WorkerProcess first = new WorkerProcess("worker-it-shared-1", SHARED_TOPIC, fal.url(), capped).start();
                WorkerProcess second = new WorkerProcess("worker-it-shared-2", SHARED_TOPIC, fal.url(), capped).start()) {
            // Both hold partitions before any job is sent: a rebalance mid-test would hand jobs over.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (assigned(first) == 0 || assigned(second) == 0 || assigned(first) + assigned(second) < 6) {
                assertTrue(System.nanoTime() < deadline, "the 6 partitions shared by both instances within 30 s");
                Thread.sleep(200);
            }
            List<String> jobs = send(30, SHARED_TOPIC, "shared", Duration.ofSeconds(1));

            assertTrue(statuses.awaitFinished(jobs, Duration.ofSeconds(60)), statuses.finished(jobs) + " of 30 finished");
            assertCompletedOnce(jobs);
            assertEquals(5, fal.peak("shared"), "the key's 5 concurrent requests, shared by both instances, never more");
            assertTrue(first.metrics().contains("vtry_provider_quota_waits_total")
                    || second.metrics().contains("vtry_provider_quota_waits_total"), "jobs waited for their turn");
        }
    }

    private static double assigned(WorkerProcess worker) throws Exception {
        return worker.metric("kafka_consumer_coordinator_assigned_partitions", "generation-requests");
    }

    @Test
    @Order(5)
    void falsWebhookEndsTheWaitSoPollingIsOnlyTheSafetyNet() throws Exception {
        Map<String, String> webhooks = Map.of("VTRY_FAL_WEBHOOKS", "on", "VTRY_PUBLIC_URL", "http://127.0.0.1:28080",
                "VTRY_WORKER_CALLBACK_POLL_INTERVAL", "PT60S");
        try (WorkerProcess hooked = new WorkerProcess("worker-it-webhooks", HOOKS_TOPIC, fal.url(), webhooks).start()) {
            List<String> jobs = send(5, HOOKS_TOPIC, "hooks", Duration.ofSeconds(1));

            // The safety-net poll comes after 60 s: only the callbacks can end these jobs sooner.
            assertTrue(statuses.awaitFinished(jobs, Duration.ofSeconds(30)), statuses.finished(jobs) + " of 5 finished");
            assertCompletedOnce(jobs);
            for (String job : jobs) {
                assertEquals("http://127.0.0.1:28080/webhooks/fal", fal.webhook(job), "submitted with fal_webhook");
            }
        }
    }

    @Test
    @Order(6)
    void aCallOfNinetySecondsKeepsTheWorkerHealthyAndCompletes() throws Exception {
        assertTrue(statuses.awaitFinished(List.of(longJob), Duration.ofSeconds(150)), "the 90 s job finished");
        healthSampler.join(5000);
        assertCompletedOnce(List.of(longJob));
        assertTrue(slowHealth.size() >= 60, "sampled for the whole call: " + slowHealth.size());
        assertEquals(List.of("200/200"), slowHealth.stream().distinct().toList(), "liveness/readiness throughout");
        assertEquals("200/200", slow.health("live") + "/" + slow.health("ready"), "and after it");
    }
}
