package ai.vtry.gateway.limit;

import static ai.vtry.gateway.limit.AccountLimitsTest.as;
import static ai.vtry.gateway.limit.AccountLimitsTest.expectCounted;
import static ai.vtry.gateway.limit.AccountLimitsTest.expectRateLimited;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;
import ai.vtry.common.testsupport.KafkaTestResource;
import ai.vtry.common.testsupport.PostgresTestResource;
import ai.vtry.common.testsupport.S3TestResource;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.gateway.TestAccounts;
import ai.vtry.gateway.proxy.UpstreamTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;

/**
 * Redis stops in the middle of the test and comes back: the gateway keeps serving with the same
 * limits counted in memory, then shares Redis' counts again without anyone's help; a generation
 * slot whose job ended meanwhile is freed once Redis is back.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
class RedisOutageTest {

    /** The module's infrastructure, but a Redis of this test's own that it may stop. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("database", "vtry_gateway")),
                    new TestResourceEntry(S3TestResource.class), new TestResourceEntry(UpstreamTestResource.class),
                    new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(OwnRedisServer.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "quarkus.redis.hosts")
    URI redisUrl;

    @Inject
    Redis redis;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @Test
    void withoutRedisRequestsAreLimitedInMemoryAndSharedLimitsComeBackWithIt() {
        // Redis up: what another instance counted applies here.
        TestAccounts.Created shared = TestAccounts.owner("free");
        spendInRedis(shared, 60);
        expectRateLimited(as(shared).get("/api/v1/me").then(), "read", 60);
        assertEquals(0.0, metrics.get("vtry.ratelimit.redis.degraded").gauge().value());

        OwnRedisServer.shutdown(redisUrl.getPort());

        // Redis down: still served, with the same limits, counted by this instance.
        TestAccounts.Created alone = TestAccounts.owner("free");
        for (int i = 1; i <= 30; i++) {
            expectCounted(as(alone).delete("/api/v1/persons/pr_1").then().statusCode(200), 30, 30 - i);
        }
        expectRateLimited(as(alone).delete("/api/v1/persons/pr_1").then(), "write", 30);
        assertEquals(1.0, metrics.get("vtry.ratelimit.redis.degraded").gauge().value());
        assertTrue(metrics.get("vtry.ratelimit.local.decisions").counter().count() >= 31);

        OwnRedisServer.start(redisUrl.getPort());

        // Redis back: another instance's counts apply again. In memory this account has 60 reads
        // left, more than the polls below can spend, so only Redis can refuse it.
        TestAccounts.Created again = TestAccounts.owner("free");
        spendInRedis(again, 60);
        await().atMost(ofSeconds(10)).pollInterval(ofMillis(200)).untilAsserted(
                () -> expectRateLimited(as(again).get("/api/v1/me").then(), "read", 60));
        assertEquals(0.0, metrics.get("vtry.ratelimit.redis.degraded").gauge().value());
    }

    @Test
    void aSlotWhoseJobEndsWhileRedisIsDownIsFreedWhenRedisIsBack() throws Exception {
        TestAccounts.Created owner = TestAccounts.owner("free");
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String job = "req_" + UUID.randomUUID();
            generation(owner, job).then().statusCode(202);
            jobs.add(job);
        }
        generation(owner, "req_" + UUID.randomUUID()).then().statusCode(429).body("error.code",
                equalTo("concurrencyLimited"));
        double failedReleases = failedReleases();

        // Down with its data, as a Redis with persistence restarting: the three slots are still taken after it.
        OwnRedisServer.shutdownKeepingData(redisUrl.getPort());
        TestKafka.send(Topics.JOB_COMPLETED, owner.userId(),
                GenerationConcurrencyTest.event(owner, jobs.get(0), JobKind.GENERATION, JobStatus.COMPLETED));
        await().atMost(ofSeconds(30)).until(() -> failedReleases() > failedReleases);
        OwnRedisServer.start(redisUrl.getPort());

        // Redis decides again (this instance's memory holds none of the three slots) ...
        TestAccounts.Created other = TestAccounts.owner("free");
        await().atMost(ofSeconds(10)).pollInterval(ofMillis(200)).untilAsserted(() -> {
            as(other).get("/api/v1/me").then().statusCode(200);
            assertEquals(0.0, metrics.get("vtry.ratelimit.redis.degraded").gauge().value());
        });
        // ... and the release, retried, frees exactly one slot, long before the slot would expire.
        await().atMost(ofSeconds(30)).pollInterval(ofMillis(500)).untilAsserted(
                () -> generation(owner, "req_" + UUID.randomUUID()).then().statusCode(202));
        generation(owner, "req_" + UUID.randomUUID()).then().statusCode(429).body("error.code",
                equalTo("concurrencyLimited"));
    }

    /** Failed attempts to free a slot in Redis so far (the counter appears with the consumer's first record). */
    private double failedReleases() {
        Counter counter = metrics.find("vtry.ratelimit.slot.release.failures").counter();
        return counter == null ? 0 : counter.count();
    }

    /** A generation the echo upstream accepts (202) as {@code requestId}. */
    private static Response generation(TestAccounts.Created account, String requestId) {
        return as(account).contentType("application/json").body("{\"requestId\":\"" + requestId + "\"}")
                .post("/api/v1/generations?status=202");
    }

    /** Another gateway instance admits {@code reads} GETs of the account in the shared Redis. */
    private void spendInRedis(TestAccounts.Created account, int reads) {
        RedisLimitStore otherInstance = new RedisLimitStore(redis, vertx, Duration.ofSeconds(5));
        Admission read = new Admission(List.of(new Admission.Check(Category.READ,
                Admission.windowKey(Category.READ, account.userId()), 60, true)), 60_000, null);
        for (int i = 0; i < reads; i++) {
            assertTrue(LimitStoreContract.await(
                    otherInstance.admit(read, System.currentTimeMillis(), "other-" + i)).admitted());
        }
    }
}
