package ai.vtry.gateway.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console's files, read once from the classpath folder {@code console/} and kept in memory
 * (about 65 KB, 24 KB gzipped), each also gzipped. {@link #FILES} lists them (a jar's folder cannot be
 * listed reliably); ConsoleRoutesTest fails when a file of the folder is missing from the list.
 */
@ApplicationScoped
public class ConsoleAssets {

    /** The page's scripts and styles, in the order the page preloads them. */
    static final List<String> FILES = List.of("console.css", "app.js", "api.js", "ui.js", "jobs.js",
            "pages/try-on.js", "pages/people.js", "pages/clothes.js", "pages/gallery.js", "pages/account.js",
            "favicon.svg");
    private static final String PAGE = "index.html";
    private static final String VERSION_MARK = "{{version}}";
    private static final String PRELOAD_MARK = "<!-- {{modulepreload}} -->";

    public record Asset(byte[] bytes, byte[] gzipped, String contentType, String hash) {
        static Asset of(byte[] bytes, String contentType) {
            return new Asset(bytes, gzip(bytes), contentType, sha256(bytes).substring(0, 20));
        }

        /** The validator of one encoding: the gzipped bytes are other bytes, so they get their own. */
        public String etag(boolean gzipped) {
            return '"' + hash + (gzipped ? "-gz" : "") + '"';
        }
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final String version;
    private final Asset page;

    public ConsoleAssets() {
        MessageDigest all = digest();
        for (String name : FILES) {
            byte[] bytes = read(name);
            all.update(name.getBytes(StandardCharsets.UTF_8));
            all.update(bytes);
            assets.put(name, Asset.of(bytes, contentType(name)));
        }
        version = HexFormat.of().formatHex(all.digest()).substring(0, 12);
        StringBuilder preloads = new StringBuilder();
        for (String name : FILES) {
            if (name.endsWith(".js")) {
                preloads.append("<link rel=\"modulepreload\" href=\"assets/").append(version).append('/')
                        .append(name).append("\">\n");
            }
        }
        String html = new String(read(PAGE), StandardCharsets.UTF_8)
                .replace(PRELOAD_MARK, preloads.toString().strip())
                .replace(VERSION_MARK, version);
        page = Asset.of(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    /** The hash of every file's name and content: the folder the page loads them from. */
    public String version() {
        return version;
    }

    public Asset page() {
        return page;
    }

    /** The file of that name, or null. */
    public Asset asset(String name) {
        return assets.get(name);
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalArgumentException("No content type for " + name);
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The console file console/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
