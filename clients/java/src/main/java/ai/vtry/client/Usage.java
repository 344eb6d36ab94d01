package ai.vtry.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.vtry.client.model.UsageQuery;
import ai.vtry.client.model.UsageReport;

/** What the workspace used: {@code GET /api/v1/usage}. */
public final class Usage {

    private final Transport transport;

    Usage(Transport transport) {
        this.transport = transport;
    }

    /** The last 30 days, by day. */
    public UsageReport get() {
        return transport.get("/usage", Map.of(), UsageReport.class);
    }

    /** The query's period (at most 366 days), grouped as it asks. */
    public UsageReport get(UsageQuery query) {
        return transport.get("/usage",
                Transport.query("from", query.from(), "to", query.to(), "groupBy", query.groupBy()), UsageReport.class);
    }

    /** {@link #get()}, asynchronously. */
    public CompletableFuture<UsageReport> getAsync() {
        return transport.async(() -> get());
    }

    /** {@link #get(UsageQuery)}, asynchronously. */
    public CompletableFuture<UsageReport> getAsync(UsageQuery query) {
        return transport.async(() -> get(query));
    }
}
