package ai.vtry.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/** A client per event loop, made on the loop's own context, and the shared one off the loops. */
class EventLoopLocalTest {

    private static Vertx vertx;

    /** What the factory saw when it ran: its thread and whether its context was a request's duplicate. */
    private record Made(String thread, boolean onDuplicate) {
    }

    private final List<Made> made = new CopyOnWriteArrayList<>();
    private final Made shared = new Made("shared", false);
    private final EventLoopLocal<Made> local = new EventLoopLocal<>(() -> {
        Made m = new Made(Thread.currentThread().getName(), ((ContextInternal) Vertx.currentContext()).isDuplicate());
        made.add(m);
        return m;
    }, () -> shared);

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachLoopGetsItsOwnClientMadeOnTheLoopsContextAndKeepsIt() throws Exception {
        // Event-loop contexts are handed out over the loops in turn.
        ContextInternal first = ((VertxInternal) vertx).createEventLoopContext();
        ContextInternal second = ((VertxInternal) vertx).createEventLoopContext();
        assertNotEquals(first.nettyEventLoop(), second.nettyEventLoop());

        Made a = onRequest(first);
        Made b = onRequest(second);
        assertNotEquals(a.thread(), b.thread());
        assertFalse(a.onDuplicate(), "made on the request's context");
        assertFalse(b.onDuplicate(), "made on the request's context");

        assertSame(a, onRequest(first));
        assertSame(b, onRequest(second));
        assertEquals(2, made.size());
        assertEquals(2, local.all().size());
    }

    @Test
    void offTheEventLoopsTheSharedClientServes() {
        assertSame(shared, local.get());
        assertEquals(0, made.size());
    }

    /** get() as a request handler calls it: on a duplicate of the loop's context, like every HTTP request. */
    private Made onRequest(ContextInternal context) throws Exception {
        CompletableFuture<Made> result = new CompletableFuture<>();
        Context request = context.duplicate();
        request.runOnContext(v -> result.complete(local.get()));
        return result.get(10, TimeUnit.SECONDS);
    }
}
