package ai.vtry.clothes.discovery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Images named by schema.org JSON-LD blocks: a Product's (and its variants') {@code image}, as a
 * URL, a list or ImageObjects with sizes; other nodes' images count as weaker hints. Logos,
 * authors, publishers, brands and reviews are skipped. Real pages' JSON-LD is often sloppy
 * (comments, trailing commas, raw newlines in strings, HTML comment wrappers), so parsing is lenient.
 */
final class JsonLdImages {

    record Found(String url, Integer width, Integer height, String title, boolean product) {
    }

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private static final Set<String> PRODUCT_TYPES = Set.of("product", "productgroup", "productmodel",
            "individualproduct", "someproducts", "clothing");
    private static final Set<String> SKIPPED_KEYS = Set.of("logo", "author", "publisher", "brand", "manufacturer",
            "review", "reviews", "aggregaterating", "creator", "seller", "provider", "potentialaction", "breadcrumb",
            "itemlistelement", "isrelatedto", "issimilarto", "offers");
    private static final Set<String> IMAGE_KEYS = Set.of("image", "images", "primaryimageofpage", "thumbnailurl",
            "contenturl");
    private static final int MAX_DEPTH = 12;

    /** Every image of one {@code <script type="application/ld+json">} block; nothing if it does not parse. */
    static List<Found> from(String script) {
        List<Found> found = new ArrayList<>();
        String json = unwrap(script);
        if (json.isEmpty()) {
            return found;
        }
        try {
            walk(LENIENT.readTree(json), false, null, 0, found);
        } catch (JsonProcessingException e) {
            // unreadable markup says nothing; the rest of the page still counts
        }
        return found;
    }

    /** Amazon's {@code data-a-dynamic-image}: {"url":[width,height], ...}. */
    static List<Found> sizedUrls(String attribute) {
        List<Found> found = new ArrayList<>();
        if (attribute == null || attribute.isBlank() || !attribute.trim().startsWith("{")) {
            return found;
        }
        try {
            Iterator<Map.Entry<String, JsonNode>> entries = LENIENT.readTree(attribute).fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode size = entry.getValue();
                found.add(new Found(entry.getKey(), dimension(size.get(0)), dimension(size.get(1)), null, false));
            }
        } catch (JsonProcessingException e) {
            // not what Amazon writes; ignore it
        }
        return found;
    }

    private static String unwrap(String script) {
        String s = script == null ? "" : script.trim();
        s = s.replaceFirst("^(//\\s*)?<!\\[CDATA\\[", "").replaceFirst("(//\\s*)?]]>$", "").trim();
        s = s.replaceFirst("^<!--", "").replaceFirst("-->$", "").trim();
        return s;
    }

    private static void walk(JsonNode node, boolean inProduct, String productName, int depth, List<Found> found) {
        if (node == null || depth > MAX_DEPTH) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> walk(item, inProduct, productName, depth + 1, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        boolean product = inProduct || isProduct(node);
        String name = product && node.path("name").isTextual() ? node.path("name").asText() : productName;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey().toLowerCase(Locale.ROOT);
            if (SKIPPED_KEYS.contains(key)) {
                continue;
            }
            if (IMAGE_KEYS.contains(key)) {
                images(field.getValue(), product, name, depth + 1, found);
            } else if (field.getValue().isContainerNode()) {
                walk(field.getValue(), product && !key.equals("isvariantof"), name, depth + 1, found);
            }
        }
    }

    private static boolean isProduct(JsonNode node) {
        JsonNode type = node.path("@type");
        if (type.isTextual()) {
            return PRODUCT_TYPES.contains(simpleType(type.asText()));
        }
        for (JsonNode t : type) {
            if (t.isTextual() && PRODUCT_TYPES.contains(simpleType(t.asText()))) {
                return true;
            }
        }
        return false;
    }

    private static String simpleType(String type) {
        return type.substring(type.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private static void images(JsonNode value, boolean product, String name, int depth, List<Found> found) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value.isTextual()) {
            found.add(new Found(value.asText().trim(), null, null, name, product));
        } else if (value.isArray()) {
            value.forEach(item -> images(item, product, name, depth + 1, found));
        } else if (value.isObject()) {
            String url = text(value, "url", "contentUrl", "@id");
            if (url != null) {
                String caption = text(value, "caption", "name");
                found.add(new Found(url, dimension(value.get("width")), dimension(value.get("height")),
                        caption != null ? caption : name, product));
            }
        }
    }

    private static String text(JsonNode node, String... keys) {
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText().trim();
            }
        }
        return null;
    }

    /** 1200, "1200", "1200px" or {"@type":"QuantitativeValue","value":1200}. */
    private static Integer dimension(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isObject()) {
            return dimension(value.get("value"));
        }
        if (value.isNumber()) {
            return value.asInt() > 0 ? value.asInt() : null;
        }
        return PageImageFinder.pixels(value.asText());
    }

    private JsonLdImages() {
    }
}
