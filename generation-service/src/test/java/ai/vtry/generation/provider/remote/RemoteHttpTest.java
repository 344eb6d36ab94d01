package ai.vtry.generation.provider.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

class RemoteHttpTest {

    /** The worker's Hibernate Reactive session lives on its Vert.x context: the answer must come back there. */
    @Test
    void theAnswerComesBackOnTheCallersContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeServer server = new FakeServer(); RemoteHttp http = new RemoteHttp(Duration.ofSeconds(2))) {
            server.on("GET", "/ping", r -> FakeServer.Response.json(200, "{}"));
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Context> answeredOn = new CompletableFuture<>();
            context.runOnContext(ignored -> RemoteHttp.onCaller(
                            http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).GET(), Duration.ofSeconds(2)))
                    .subscribe().with(response -> answeredOn.complete(Vertx.currentContext()), answeredOn::completeExceptionally));

            Context answered = answeredOn.get(10, TimeUnit.SECONDS);
            assertNotNull(answered);
            assertSame(context, answered);
            assertEquals(1, server.requests("GET", "/ping").size());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The JDK completes on the common pool; parsing and transcoding must continue on the provider's threads. */
    @Test
    void withoutACallerContextTheAnswerContinuesOnTheProvidersThreads() {
        try (FakeServer server = new FakeServer(); RemoteHttp http = new RemoteHttp(Duration.ofSeconds(2))) {
            server.on("GET", "/ping", r -> FakeServer.Response.json(200, "{}"));

            String thread = RemoteHttp.onCaller(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).GET(),
                    Duration.ofSeconds(2))).map(response -> Thread.currentThread().getName()).await().atMost(Duration.ofSeconds(10));

            assertTrue(thread.startsWith("vtry-provider-"), thread);
        }
    }

    @Test
    void downloadsFollowRedirectsButApiCallsDoNot() {
        try (FakeServer server = new FakeServer(); RemoteHttp http = new RemoteHttp(Duration.ofSeconds(2))) {
            server.on("GET", "/moved", r -> FakeServer.Response.json(302, "{}").withHeader("Location", server.url() + "/image"));
            server.on("GET", "/image", r -> FakeServer.Response.bytes(200, "image/png", new byte[] {1, 2, 3}));
            HttpRequest.Builder moved = HttpRequest.newBuilder(URI.create(server.url() + "/moved")).GET();

            assertEquals(302, http.send(moved, Duration.ofSeconds(2)).await().atMost(Duration.ofSeconds(10)).statusCode());
            assertEquals(200, http.download(moved, Duration.ofSeconds(2)).await().atMost(Duration.ofSeconds(10)).statusCode());
        }
    }
}
