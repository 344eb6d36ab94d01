package ai.vtry.generation.provider.remote;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The JDK HTTP client of one remote provider. Answers continue on this client's own (virtual)
 * threads, where parsing may run (decoding and transcoding go to the CpuPool); {@link #onCaller} hands the final item
 * back to the caller's Vert.x context, where the worker's Hibernate Reactive session lives.
 */
public final class RemoteHttp implements AutoCloseable {

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(threads());
    private final HttpClient client;
    private final HttpClient downloads;

    public RemoteHttp(Duration connectTimeout) {
        // API calls carry our key: no redirects, a redirect could take it to another host.
        this.client = client(connectTimeout, HttpClient.Redirect.NEVER);
        // Result images carry no key; their CDN may redirect.
        this.downloads = client(connectTimeout, HttpClient.Redirect.NORMAL);
    }

    /** Sends {@code request}; the whole exchange, body included, must finish within {@code timeout}. */
    public Uni<HttpResponse<byte[]>> send(HttpRequest.Builder request, Duration timeout) {
        return send(client, request, timeout);
    }

    /** Like {@link #send}, following redirects: only for requests without credentials. */
    public Uni<HttpResponse<byte[]>> download(HttpRequest.Builder request, Duration timeout) {
        return send(downloads, request, timeout);
    }

    private Uni<HttpResponse<byte[]>> send(HttpClient via, HttpRequest.Builder request, Duration timeout) {
        HttpRequest built = request.timeout(timeout).build();
        return Uni.createFrom().completionStage(() -> via.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray()))
                // HttpRequest.timeout stops at the headers; this also bounds a slow body.
                .ifNoItem().after(timeout)
                .failWith(() -> new HttpTimeoutException("No answer within " + timeout.toMillis() + " ms"))
                // The JDK completes sendAsync on the common pool (one thread on two cores): move off it.
                .emitOn(executor);
    }

    /** Delivers the outcome on the caller's Vert.x context, if it called from one. */
    public static <T> Uni<T> onCaller(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
        });
    }

    private HttpClient client(Duration connectTimeout, HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().executor(executor).connectTimeout(connectTimeout).followRedirects(redirects).build();
    }

    /** Virtual threads with this class's loader as context loader, whichever thread happened to start them. */
    private static ThreadFactory threads() {
        ThreadFactory virtual = Thread.ofVirtual().name("vtry-provider-", 0).factory();
        ClassLoader loader = RemoteHttp.class.getClassLoader();
        return task -> {
            Thread thread = virtual.newThread(task);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }

    @Override
    public void close() {
        client.shutdownNow();
        downloads.shutdownNow();
        executor.shutdownNow();
    }
}
