package ai.vtry.gateway.http;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * One client per event loop, opened on that loop: for the gateway's own connections (upstream
 * HTTP, Redis).
 *
 * <p>Why: Vert.x runs a connection's I/O on the event loop that opened it, and a shared client
 * pools its connections across loops. A request handled on loop A that draws a connection of loop
 * B hands the write to B and gets the answer handed back to A: two task hand-offs, each waking the
 * other thread (a syscall and a context switch). With two Redis calls and one upstream call per
 * request that was the largest single cost in the gateway's profile (a fifth of its CPU on the
 * benchmark). A client per loop keeps each request's connections on its own thread. Limits and
 * pool sizes of such a client then hold per event loop.
 *
 * <p>Callers off an event loop (a Kafka consumer, a worker thread) get {@code elsewhere}.
 */
public final class EventLoopLocal<T> {

    private final Map<Thread, T> perLoop = new ConcurrentHashMap<>();
    private final Supplier<T> factory;
    private final Supplier<T> elsewhere;

    public EventLoopLocal(Supplier<T> factory, Supplier<T> elsewhere) {
        this.factory = factory;
        this.elsewhere = elsewhere;
    }

    /** This event loop's client, opened on first use; {@code elsewhere} off an event loop. */
    public T get() {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) {
            return elsewhere.get();
        }
        T client = perLoop.get(Thread.currentThread());
        if (client == null) {
            client = create((ContextInternal) context);
            perLoop.put(Thread.currentThread(), client);
        }
        return client;
    }

    /** Every client opened so far, to close them. */
    public Collection<T> all() {
        return perLoop.values();
    }

    /**
     * Opened on the loop's own context, not the request's duplicate of it: a client keeps the
     * context it was made on for its connections, and a request's context carries that request's
     * MDC and trace.
     */
    private T create(ContextInternal context) {
        Object[] created = new Object[1];
        context.unwrap().dispatch(() -> created[0] = factory.get());
        @SuppressWarnings("unchecked")
        T client = (T) created[0];
        return client;
    }
}
