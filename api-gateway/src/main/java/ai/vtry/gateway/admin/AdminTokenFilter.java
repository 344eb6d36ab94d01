package ai.vtry.gateway.admin;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Applies {@link AdminGuard} to everything under {@code /admin}, with the X-Admin-Token header and
 * the caller's address (the socket's: the admin port is never behind the public proxies).
 * Pre-matching, so an unauthenticated caller learns nothing about routes, methods or media types.
 */
public class AdminTokenFilter {

    static final String HEADER = "X-Admin-Token";

    // Filters are built before runtime configuration exists: the guard (a client proxy) reads it later.
    private final AdminGuard guard;

    public AdminTokenFilter(AdminGuard guard) {
        this.guard = guard;
    }

    @ServerRequestFilter(preMatching = true)
    public void filter(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
            guard.check(request.getHeaderString(HEADER), client);
        }
    }
}
