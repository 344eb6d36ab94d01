package ai.vtry.gateway.limit;

import java.util.Set;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpMethod;

/** The reference's rate-limit categories; the wire name appears in config keys and error details. */
public enum Category {
    READ("read"),
    WRITE("write"),
    GENERATE("generate"),
    SOURCE_IMAGES("source-images"),
    PREAUTH("preauth"),
    FAILED_AUTH("failed-auth");

    static final String GENERATIONS = "/api/v1/generations";
    static final String SOURCE_IMAGES_PATH = "/api/v1/clothes/source-images";
    /**
     * POSTs the reference tags "generate". POST /api/v1/clothes is among them in both of its modes:
     * the reference's endpoint entry tags the endpoint itself "generate", and its mode is a multipart
     * field that could sit behind a 40 MB file, so telling direct from extract would mean reading
     * (buffering) the upload at the gateway. Counting the endpoint keeps bodies streaming; a direct
     * upload pays from the stricter budget.
     */
    private static final Set<String> GENERATING_POSTS = Set.of(GENERATIONS, "/api/v1/edits", "/api/v1/clothes");
    private static final Pattern COMPOSE = Pattern.compile("/api/v1/persons/[^/]+/compose");

    private final String wireName;

    Category(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the limits of a client address (counted before the key is known), false for an account's. */
    public boolean perClient() {
        return this == PREAUTH || this == FAILED_AUTH;
    }

    /** The per-account category of a request: reads are GET (and HEAD, OPTIONS), the rest by endpoint. */
    public static Category of(HttpMethod method, String path) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return READ;
        }
        if (method == HttpMethod.POST) {
            String p = withoutTrailingSlash(path);
            if (p.equals(SOURCE_IMAGES_PATH)) {
                return SOURCE_IMAGES;
            }
            if (GENERATING_POSTS.contains(p) || COMPOSE.matcher(p).matches()) {
                return GENERATE;
            }
        }
        return WRITE;
    }

    /** True for POST /api/v1/generations, the only request that takes a generation slot. */
    public static boolean takesGenerationSlot(HttpMethod method, String path) {
        return method == HttpMethod.POST && withoutTrailingSlash(path).equals(GENERATIONS);
    }

    // The services match a path with or without its trailing slash: so must the classification.
    private static String withoutTrailingSlash(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
