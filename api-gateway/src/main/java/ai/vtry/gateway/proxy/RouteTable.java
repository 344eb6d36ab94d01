package ai.vtry.gateway.proxy;

import java.util.List;
import java.util.Optional;

import ai.vtry.gateway.config.ServicesConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Which service serves a public path, by path prefix (whole segments only). */
@ApplicationScoped
public class RouteTable {

    record Route(String prefix, String upstream) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    private final List<Route> routes;

    public RouteTable(ServicesConfig services) {
        this.routes = List.of(
                new Route("/api/v1/persons", trimSlash(services.person())),
                new Route("/api/v1/clothes", trimSlash(services.clothes())),
                new Route("/api/v1/jobs", trimSlash(services.job())),
                new Route("/api/v1/history", trimSlash(services.job())),
                new Route("/api/v1/usage", trimSlash(services.job())),
                new Route("/api/v1/generations", trimSlash(services.generation())),
                new Route("/api/v1/edits", trimSlash(services.generation())),
                new Route("/api/v1/prompt-presets", trimSlash(services.generation())),
                new Route("/api/v1/webhooks", trimSlash(services.webhook())));
    }

    /** The base URL of the service for {@code path}, if any service serves it. */
    public Optional<String> upstreamFor(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route.upstream());
            }
        }
        return Optional.empty();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
