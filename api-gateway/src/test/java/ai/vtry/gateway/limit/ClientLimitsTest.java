package ai.vtry.gateway.limit;

import static ai.vtry.gateway.limit.AccountLimitsTest.as;
import static ai.vtry.gateway.limit.AccountLimitsTest.expectCounted;
import static ai.vtry.gateway.limit.AccountLimitsTest.expectRateLimited;
import static io.restassured.RestAssured.given;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import ai.vtry.gateway.auth.ApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;

/**
 * Per client address, at the reference's limits (the default test profile raises them, since every
 * test comes from 127.0.0.1). 127.0.0.1 is a trusted proxy in tests, so each test names its own
 * client in X-Forwarded-For; any other 127.x.y.z is an untrusted peer. Also: plans set the account limits.
 */
@QuarkusTest
@TestProfile(ClientLimitsTest.ReferenceLimits.class)
class ClientLimitsTest {

    public static class ReferenceLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vtry.limits.ip.preauth", "120", "vtry.limits.ip.failed-auth", "30",
                    "vtry.limits.pro.read", "5");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    Redis redis;

    @Test
    void preauthCountsEveryRequestOfAnAddressWhateverTheAccount() {
        String client = randomClient();
        TestAccounts.Created first = TestAccounts.owner("free");
        TestAccounts.Created second = TestAccounts.owner("free");
        for (int i = 0; i < 60; i++) {
            from(client, first).get("/api/v1/history").then().statusCode(200);
            from(client, second).get("/api/v1/history").then().statusCode(200);
        }
        TestAccounts.Created third = TestAccounts.owner("free");
        expectRateLimited(from(client, third).get("/api/v1/me").then(), "preauth", 120);
        expectRateLimited(given().header("X-Forwarded-For", client).get("/api/v1/me").then(), "preauth", 120);
        // Another address is not affected.
        expectCounted(from(randomClient(), third).get("/api/v1/me").then().statusCode(200), 60, 59);
    }

    @Test
    void theAddressesOfOneIpv6Slash64ShareTheirPreauthWindow() {
        String network = randomIpv6Network();
        TestAccounts.Created first = TestAccounts.owner("free");
        TestAccounts.Created second = TestAccounts.owner("free");
        for (int i = 0; i < 60; i++) {
            from(network + ":1:2:3:" + Integer.toHexString(i + 1), first).get("/api/v1/history").then().statusCode(200);
            from(network + ":ffff:" + Integer.toHexString(i + 1) + "::", second).get("/api/v1/history").then()
                    .statusCode(200);
        }
        TestAccounts.Created third = TestAccounts.owner("free");
        expectRateLimited(from(network + "::abcd", third).get("/api/v1/me").then(), "preauth", 120);
        assertEquals(120, requestsIn(Category.PREAUTH, "ip:" + network + "::/64"));
        // The next /64 is another customer's.
        String neighbour = network.substring(0, network.lastIndexOf(':') + 1) + "ffff";
        expectCounted(from(neighbour + "::abcd", third).get("/api/v1/me").then().statusCode(200), 60, 59);
    }

    @Test
    void theAddressesOfOneIpv6Slash64ShareTheirFailedAuthentications() {
        String network = randomIpv6Network();
        for (int i = 1; i <= 3; i++) {
            given().header("X-Forwarded-For", network + "::" + i).header("x-api-key", ApiKeys.generate().key())
                    .get("/api/v1/me").then().statusCode(401)
                    .header("RateLimit-Limit", "30").header("RateLimit-Remaining", Integer.toString(30 - i));
        }
        assertEquals(3, requestsIn(Category.FAILED_AUTH, "ip:" + network + "::/64"));
        given().header("X-Forwarded-For", randomIpv6Network() + "::1").header("x-api-key", ApiKeys.generate().key())
                .get("/api/v1/me").then().statusCode(401)
                .header("RateLimit-Limit", "30").header("RateLimit-Remaining", "29");
    }

    @Test
    void afterThirtyFailedAuthenticationsAWrongKeyWaitsButAValidKeyIsServed() {
        String client = randomClient();
        for (int i = 1; i <= 30; i++) {
            RequestSpecification request = given().header("X-Forwarded-For", client);
            request = switch (i % 3) {
                case 0 -> request;
                case 1 -> request.header("Authorization", "Bearer nonsense");
                default -> request.header("x-api-key", ApiKeys.generate().key());
            };
            expectCounted(request.get("/api/v1/persons").then().statusCode(401), 30, 30 - i);
        }
        expectRateLimited(given().header("X-Forwarded-For", client).header("x-api-key", ApiKeys.generate().key())
                .get("/api/v1/me").then(), "failed-auth", 30);
        expectRateLimited(given().header("X-Forwarded-For", client).get("/api/v1/me").then(), "failed-auth", 30);
        // Others' failures from a shared address (a NAT, an office) never lock a customer with a valid key out.
        TestAccounts.Created owner = TestAccounts.owner("free");
        expectCounted(from(client, owner).get("/api/v1/me").then().statusCode(200), 60, 59);
        expectCounted(from(client, owner).get("/api/v1/me").then().statusCode(200), 60, 58); // known key, fast path
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() throws IOException {
        String victim = randomClient();
        String untrusted = randomUntrustedPeer();
        TestAccounts.Created owner = TestAccounts.owner("free");
        String answer = rawGet(untrusted, "/api/v1/history", owner.apiKey(), victim);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        // Upstream learns the socket address only: the made-up hop is dropped.
        assertTrue(answer.toLowerCase().contains("\nx-echo-forwarded-for: " + untrusted + "\r\n"), answer);

        for (int i = 0; i < 30; i++) {
            assertTrue(rawGet(untrusted, "/api/v1/history", "vtry_wrong", randomClient()).startsWith("HTTP/1.1 401"));
        }
        // The failures were the peer's: its next wrong key waits whatever address it claims ...
        String blocked = rawGet(untrusted, "/api/v1/history", "vtry_wrong", randomClient());
        assertTrue(blocked.startsWith("HTTP/1.1 429"), blocked);
        assertTrue(blocked.contains("\"category\":\"failed-auth\""), blocked);
        // ... and the address it claimed was never charged.
        expectCounted(from(victim, owner).get("/api/v1/me").then().statusCode(200), 60, 58);
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClient() throws IOException {
        String client = randomClient();
        TestAccounts.Created owner = TestAccounts.owner("free");
        String answer = rawGet("127.0.0.1", "/api/v1/history", owner.apiKey(), "10.1.1.1, " + client);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.toLowerCase().contains("\nx-echo-forwarded-for: 10.1.1.1, " + client + ", 127.0.0.1\r\n"),
                answer);
    }

    @Test
    void aKnownKeysRequestIsDecidedInOneRedisRoundTrip() {
        // The first request looks the key up (two decisions); within a second it is known. Should
        // the machine be slow enough to let the cache expire in between, try again (a new account).
        await().atMost(ofSeconds(30)).untilAsserted(() -> {
            TestAccounts.Created owner = TestAccounts.owner("free");
            String client = randomClient();
            from(client, owner).get("/api/v1/history").then().statusCode(200);
            long before = scriptCalls();
            from(client, owner).get("/api/v1/history").then().statusCode(200);
            assertEquals(1, scriptCalls() - before);
        });
    }

    @Test
    void aKnownKeysRequestRefusedByItsAccountStillCountsPreauth() {
        TestAccounts.Created pro = TestAccounts.owner("pro"); // 5 reads in this profile
        String client = randomClient();
        for (int i = 1; i <= 5; i++) {
            expectCounted(from(client, pro).get("/api/v1/me").then().statusCode(200), 5, 5 - i);
        }
        for (int i = 0; i < 3; i++) {
            expectRateLimited(from(client, pro).get("/api/v1/me").then(), "read", 5);
        }
        assertEquals(8, requestsIn(Category.PREAUTH, "ip:" + client));
        assertEquals(5, requestsIn(Category.READ, pro.userId()));
    }

    @Test
    void anAddressPastItsFailedAuthenticationsStillServesAKnownKey() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        expectCounted(from(randomClient(), owner).get("/api/v1/me").then().statusCode(200), 60, 59); // now known
        String client = randomClient();
        for (int i = 0; i < 30; i++) {
            given().header("X-Forwarded-For", client).header("x-api-key", ApiKeys.generate().key())
                    .get("/api/v1/me").then().statusCode(401);
        }
        expectCounted(from(client, owner).get("/api/v1/me").then().statusCode(200), 60, 58);
        assertEquals(31, requestsIn(Category.PREAUTH, "ip:" + client));
        assertEquals(30, requestsIn(Category.FAILED_AUTH, "ip:" + client));
        assertEquals(2, requestsIn(Category.READ, owner.userId()));
    }

    @Test
    void anUnknownKeyCountsPreauthBeforeItsLookupAndThenAFailedAuthentication() {
        String client = randomClient();
        given().header("X-Forwarded-For", client).header("Authorization", "Bearer " + ApiKeys.generate().key())
                .get("/api/v1/me").then().statusCode(401).header("RateLimit-Limit", "30")
                .header("RateLimit-Remaining", "29");
        assertEquals(1, requestsIn(Category.PREAUTH, "ip:" + client));
        assertEquals(1, requestsIn(Category.FAILED_AUTH, "ip:" + client));

        // A valid key this instance has not looked up yet: the address first, then the account.
        TestAccounts.Created owner = TestAccounts.owner("free");
        expectCounted(from(client, owner).get("/api/v1/me").then().statusCode(200), 60, 59);
        assertEquals(2, requestsIn(Category.PREAUTH, "ip:" + client));
        assertEquals(1, requestsIn(Category.FAILED_AUTH, "ip:" + client));
    }

    /** Scripts Redis has run so far (INFO commandstats): one per limiter round trip. */
    private long scriptCalls() {
        String stats = LimitStoreContract.await(redis.send(Request.cmd(Command.INFO).arg("commandstats"))).toString();
        Matcher calls = Pattern.compile("cmdstat_evalsha:calls=(\\d+)").matcher(stats);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    /** Requests counted in a sliding-window log right now. */
    private long requestsIn(Category category, String subject) {
        return LimitStoreContract.await(redis.send(Request.cmd(Command.ZCARD)
                .arg(Admission.windowKey(category, subject)))).toLong();
    }

    @Test
    void thePlanSetsTheAccountLimits() {
        TestAccounts.Created pro = TestAccounts.owner("pro");
        TestAccounts.Created free = TestAccounts.owner("free");
        String client = randomClient();
        for (int i = 1; i <= 5; i++) {
            expectCounted(from(client, pro).get("/api/v1/me").then().statusCode(200), 5, 5 - i);
        }
        expectRateLimited(from(client, pro).get("/api/v1/me").then(), "read", 5);
        expectCounted(from(client, free).get("/api/v1/me").then().statusCode(200), 60, 59);
    }

    private static RequestSpecification from(String client, TestAccounts.Created account) {
        return as(account).header("X-Forwarded-For", client);
    }

    private static String randomClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /**
     * A loopback address other than the trusted 127.0.0.1, new per run: a fixed one would still be
     * blocked by the failures of a run less than a window ago against the same Redis. Linux routes all
     * of 127/8 to lo, so the test's socket can bind it and reach the gateway on 127.0.0.1.
     */
    private static String randomUntrustedPeer() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** The first four groups of a random IPv6 /64 of the documentation range, e.g. 2001:db8:1a2b:3c4. */
    private static String randomIpv6Network() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(random.nextInt(1, 0x10000)) + ":"
                + Integer.toHexString(random.nextInt(1, 0xffff));
    }

    /** A GET over a socket bound to {@code localAddress}: java.net.http cannot choose its source address. */
    private String rawGet(String localAddress, String path, String apiKey, String forwardedFor) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort(), InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nx-api-key: " + apiKey
                    + "\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(false, answer.isEmpty());
            return answer;
        }
    }
}
