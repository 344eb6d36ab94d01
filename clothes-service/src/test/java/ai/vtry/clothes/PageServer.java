package ai.vtry.clothes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.vtry.clothes.discovery.TestPages;

/**
 * The remote web for the tests: product pages (src/test/resources/pages), images, redirects and
 * misbehaving responses, on the loopback interface. Tests address it as {@code localhost}, the only
 * host allow-listed under %test, so a redirect to {@code 127.0.0.1} meets the SSRF guard.
 */
public final class PageServer {

    private final HttpServer server;
    private final Map<String, String> referers = new ConcurrentHashMap<>();

    public PageServer(Map<String, byte[]> images) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pages/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring("/pages/".length());
            respond(exchange, 200, "text/html; charset=utf-8", TestPages.read(file).replace("{{base}}", base())
                    .getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/img/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/img/".length());
            referers.put(name, String.valueOf(exchange.getRequestHeaders().getFirst("Referer")));
            byte[] image = images.get(name);
            if (image == null) {
                respond(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
            } else {
                respond(exchange, 200, name.endsWith(".png") ? "image/png" : "image/jpeg", image);
            }
        });
        server.createContext("/hop/", exchange -> {
            int hop = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hop/".length()));
            redirect(exchange, hop == 1 ? 302 : hop == 2 ? 301 : 307,
                    hop < 3 ? "/hop/" + (hop + 1) : base() + "/pages/relative.html?via=redirects");
        });
        server.createContext("/to-loopback", exchange -> redirect(exchange, 302,
                "http://127.0.0.1:" + port() + "/pages/og-only.html"));
        server.createContext("/to-metadata", exchange -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/huge.html", exchange -> {
            StringBuilder page = new StringBuilder("<html><head><title>Huge</title></head><body>");
            String filler = "<p>" + "lorem ipsum ".repeat(80) + "</p>\n";
            while (page.length() <= 10 * 1024 * 1024) {
                page.append(filler);
            }
            respond(exchange, 200, "text/html", page.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/data.json", exchange -> respond(exchange, 200, "application/json",
                "{\"image\":\"https://x.test/a.jpg\"}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/untyped", exchange -> respond(exchange, 200, null,
                TestPages.read("og-only.html").getBytes(StandardCharsets.UTF_8)));
        server.createContext("/latin1.html", exchange -> respond(exchange, 200, "text/html; charset=ISO-8859-1",
                "<html><head><title>Pull\u00f6ver \u00e0 capuche</title></head><body><img src=\"/a/sweater.jpg\" width=\"800\" height=\"1000\"></body></html>"
                        .getBytes(StandardCharsets.ISO_8859_1)));
        server.createContext("/many.html", exchange -> {
            StringBuilder page = new StringBuilder("<html><body><div class=\"gallery\">");
            for (int i = 0; i < 15; i++) {
                page.append("<img src=\"/look-").append(i).append(".jpg\" width=\"600\" height=\"800\">");
            }
            respond(exchange, 200, "text/html", page.append("</div></body></html>").toString().getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/missing", exchange -> respond(exchange, 404, "text/html",
                "<html>gone</html>".getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    public String base() {
        return "http://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The Referer the last request for image {@code name} carried ("null" if none). */
    public String refererOf(String name) {
        return referers.get(name);
    }

    public void stop() {
        server.stop(0);
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
