package ai.vtry.gateway.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Applies {@link AdminGuard} to everything under {@code /admin}, with the X-Admin-Token header.
 * Pre-matching, so an unauthenticated caller learns nothing about routes, methods or media types.
 */
@Provider
@PreMatching
public class AdminTokenFilter implements ContainerRequestFilter {

    static final String HEADER = "X-Admin-Token";

    // Filters are built before runtime configuration exists: the guard (a client proxy) reads it later.
    private final AdminGuard guard;

    public AdminTokenFilter(AdminGuard guard) {
        this.guard = guard;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            guard.check(request.getHeaderString(HEADER));
        }
    }
}
