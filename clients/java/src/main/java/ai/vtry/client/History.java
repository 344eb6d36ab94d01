package ai.vtry.client;

import static ai.vtry.client.Transport.query;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.HistoryKind;
import ai.vtry.client.model.HistoryPage;

/** The workspace's jobs, newest first, a page at a time: {@code GET /api/v1/history}. */
public final class History {

    private final Transport transport;

    History(Transport transport) {
        this.transport = transport;
    }

    /** The first page (20) of the image jobs: generations and edits, of every status. */
    public HistoryPage list() {
        return transport.get("/history", Map.of(), HistoryPage.class);
    }

    /**
     * A page of the history.
     *
     * @param page from 1; past the last page the list is empty
     * @param pageSize 1 to 100
     * @param kind {@link HistoryKind#IMAGES} (generations and edits) or {@link HistoryKind#ALL}
     */
    public HistoryPage list(int page, int pageSize, HistoryKind kind) {
        return transport.get("/history", query("page", page, "pageSize", pageSize, "kind", kind), HistoryPage.class);
    }

    /** {@link #list()}, asynchronously. */
    public CompletableFuture<HistoryPage> listAsync() {
        return transport.async(() -> list());
    }

    /** {@link #list(int, int, HistoryKind)}, asynchronously. */
    public CompletableFuture<HistoryPage> listAsync(int page, int pageSize, HistoryKind kind) {
        return transport.async(() -> list(page, pageSize, kind));
    }
}
