package ai.vtry.clothes.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an image URL says about itself: whether it is junk (icons, logos, sprites, tracking
 * pixels, formats we cannot import), a key shared by the same picture at other sizes and formats
 * (CDN resize parameters, Shopify, WordPress, Magento, Cloudinary and Amazon size suffixes), and a
 * width hint for picking the largest of those variants.
 */
final class ImageUrls {

    /** Path tokens of pictures that are never the garment. Whole tokens only: "silicone" is no "icon". */
    private static final Set<String> JUNK_TOKENS = Set.of(
            "logo", "logos", "logotype", "icon", "icons", "favicon", "favicons", "sprite", "sprites", "spinner",
            "loader", "loading", "placeholder", "placeholders", "spacer", "pixel", "tracking",
            "tracker", "beacon", "avatar", "avatars", "emoji", "emojis", "1x1", "badge", "badges", "flag", "flags",
            "payment", "payments", "paypal", "visa", "mastercard", "amex", "klarna", "swatch", "swatches",
            "facebook", "instagram", "pinterest", "twitter", "tiktok", "youtube", "whatsapp", "social", "rating",
            "stars", "arrow", "arrows", "chevron", "cart", "newsletter", "qr", "qrcode");

    /** Class and id words of elements that show no garment (not "placeholder": lazy images carry that class). */
    private static final Set<String> JUNK_ELEMENT_TOKENS = Set.of(
            "logo", "logos", "icon", "icons", "favicon", "sprite", "sprites", "avatar", "avatars", "emoji", "badge",
            "badges", "flag", "flags", "spinner", "loader", "swatch", "swatches", "payment", "social", "rating", "stars");

    /** Formats POST /api/v1/clothes cannot import (it takes JPEG, PNG and WebP). */
    private static final Pattern UNUSABLE_EXTENSION = Pattern.compile(
            "\\.(svg|svgz|gif|ico|cur|avif|bmp|tif|tiff|jxl|heic|heif|mp4|webm)$");

    private static final List<String> TRACKING_HOSTS = List.of(
            "doubleclick.net", "google-analytics.com", "googletagmanager.com", "googleadservices.com",
            "googlesyndication.com", "facebook.com", "facebook.net", "bat.bing.com", "scorecardresearch.com",
            "quantserve.com", "criteo.com", "criteo.net", "adsrvr.org", "taboola.com", "outbrain.com", "hotjar.com",
            "analytics.tiktok.com", "ads.linkedin.com", "px.ads.linkedin.com", "tr.snapchat.com", "t.co",
            "pinimg.com/ct", "ct.pinterest.com", "pixel.wp.com", "stats.wp.com");

    private static final List<String> TRACKING_HOST_PREFIXES = List.of("pixel.", "analytics.", "tracking.", "stats.",
            "beacon.", "metrics.", "collect.", "track.");

    /** Query parameters that choose a rendition (size, crop, quality, format, cache busting), not a picture. */
    private static final Set<String> RENDITION_PARAMS = Set.of(
            "w", "h", "width", "height", "wid", "hei", "sw", "sh", "sm", "size", "sz", "resize", "fit", "crop", "q",
            "qlt", "quality", "auto", "fm", "format", "fmt", "dpr", "imwidth", "imheight", "im", "v", "ver", "version",
            "cache", "cb", "bg", "trim", "pad", "scale", "mode", "anchor", "ixlib", "s", "rect", "op_sharpen",
            "odnwidth", "odnheight", "odnbg", "output-quality", "output-format", "strip", "sharpen", "bgcolor",
            "maxwidth", "maxheight", "max-w", "max-h", "fit-in", "aspect", "ar");

    /** Directory names that only say which rendition lives inside. */
    private static final Pattern SIZE_SEGMENT = Pattern.compile(
            "\\d{2,4}x\\d{0,4}|x\\d{2,4}|[wh]_?\\d{2,4}|(?:width|height|size|s)[-_=]?\\d{2,4}|\\d{2,4}w|"
                    + "thumb|thumbs|thumbnail|thumbnails|small|medium|large|xlarge|zoom|big|original|originals|full|"
                    + "fullsize|hires|hi-res|lowres|preview|xl|xxl|lg|md|sm|xs|mini|tiny|normal|standard|main|detail");

    private static final Pattern CLOUDINARY_TRANSFORMATION = Pattern.compile("[a-z]{1,3}_[^/,]+(,[a-z]{1,3}_[^/,]+)*|v\\d+");
    /** Magento 1 ({@code cache/1/image/600x/<hash>/}) and Magento 2 ({@code catalog/product/cache/<hash>/}) renditions. */
    private static final Pattern MAGENTO_CACHE = Pattern.compile("/cache/(?:[^/]+/)*?[0-9a-f]{32}/|(?<=/catalog/product)/cache/[^/]+/");
    private static final Pattern EXTENSIONS = Pattern.compile("(\\.(jpe?g|png|webp|gif|avif))+$");
    private static final Pattern[] FILE_SIZE_SUFFIXES = {
            Pattern.compile("\\._[a-z0-9_,.-]+_?$"), // Amazon: 41abc._AC_SX300_
            Pattern.compile("_(\\d+x\\d*|\\d*x\\d+)(_crop_[a-z]+)?(@[1-4]x)?$"), // Shopify: shirt_800x.jpg
            Pattern.compile("_(pico|icon|thumb|small|compact|medium|large|grande|original|master)(@[1-4]x)?$"),
            Pattern.compile("-\\d{2,5}x\\d{2,5}$"), // WordPress: shirt-300x400.jpg
            Pattern.compile("-(scaled|e\\d{10,})$"),
            Pattern.compile("[-_@](\\d{2,4}w|\\d{2,4}px|[1-4]x|small|medium|large|thumb|thumbnail|zoom|big|full|mini|xl|lg|sm)$"),
    };

    private static final Pattern[] WIDTH_HINTS = {
            Pattern.compile("[?&](?:w|width|wid|sw|imwidth|maxwidth|odnwidth)=(\\d{2,5})"),
            Pattern.compile("[/,]w_(\\d{2,5})"),
            Pattern.compile("_(\\d{2,5})x\\d*(?:_crop_[a-z]+)?(?:@[1-4]x)?\\.[a-z]+"),
            Pattern.compile("-(\\d{2,5})x\\d{2,5}\\.[a-z]+"),
            Pattern.compile("_(?:s[xyl]|ux|uy|ul|ac_s[xyl]|ac_ul|ac_ux)(\\d{2,5})_"),
            Pattern.compile("/(\\d{2,4})x\\d{0,4}/"),
    };

    /**
     * Longer is no picture URL we want; bounding what reaches the patterns here also bounds their
     * work (a 5 MB URL of {@code /cache} segments overflowed MAGENTO_CACHE's stack).
     */
    static final int MAX_LENGTH = 2048;

    /** A URL worth returning at all: http(s), not a tracker, not a format we cannot import, not too long. */
    static boolean usable(String url) {
        if (url.length() > MAX_LENGTH) {
            return false;
        }
        URI uri = uri(url);
        if (uri == null || uri.getHost() == null) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
        return !UNUSABLE_EXTENSION.matcher(path).find() && !tracking(uri.getHost().toLowerCase(Locale.ROOT), path);
    }

    private static boolean tracking(String host, String path) {
        for (String known : TRACKING_HOSTS) {
            int slash = known.indexOf('/');
            String knownHost = slash < 0 ? known : known.substring(0, slash);
            boolean hostMatches = host.equals(knownHost) || host.endsWith("." + knownHost);
            if (hostMatches && (slash < 0 || path.startsWith(known.substring(slash)))) {
                return true;
            }
        }
        return TRACKING_HOST_PREFIXES.stream().anyMatch(host::startsWith);
    }

    /** Whether the URL's path names something that is never a garment (a logo, an icon, a sprite...). */
    static boolean junkPath(String url) {
        URI uri = uri(url);
        String path = uri == null || uri.getRawPath() == null ? url : uri.getRawPath();
        return junkWords(path);
    }

    /** Whether free text (a class list, an id, a path) contains one of the junk words as a whole token. */
    static boolean junkWords(String text) {
        return tokens(text).stream().anyMatch(JUNK_TOKENS::contains);
    }

    /** Whether an element's class or id says it shows no garment. */
    static boolean junkElement(String classAndId) {
        return tokens(classAndId).stream().anyMatch(JUNK_ELEMENT_TOKENS::contains);
    }

    /** Lower-case words of {@code text}, split at anything not a letter or digit and at camelCase humps. */
    static List<String> tokens(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String spaced = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        for (String token : spaced.split("[^a-z0-9]+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        // "1x1" is one token for a tracking pixel, not "1" and "1"
        Matcher pixel = Pattern.compile("(?<![0-9])1x1(?![0-9])").matcher(text.toLowerCase(Locale.ROOT));
        if (pixel.find()) {
            tokens.add("1x1");
        }
        return tokens;
    }

    /**
     * The same key for the same picture at any size or in any format: host without www, the path
     * without rendition directories, size suffixes and extension, the query without rendition
     * parameters.
     */
    static String pictureKey(String url) {
        URI uri = uri(url);
        if (uri == null || uri.getHost() == null) {
            return url.toLowerCase(Locale.ROOT);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
        path = MAGENTO_CACHE.matcher(path).replaceAll("/");
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        int upload = Math.max(segments.indexOf("upload"), segments.indexOf("fetch"));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.isEmpty()) {
                continue;
            }
            if (!last && (SIZE_SEGMENT.matcher(segment).matches()
                    || (upload >= 0 && i > upload && CLOUDINARY_TRANSFORMATION.matcher(segment).matches()))) {
                continue;
            }
            kept.add(last ? bareName(segment) : segment);
        }
        String query = uri.getRawQuery() == null ? "" : Arrays.stream(uri.getRawQuery().split("&"))
                .filter(p -> !p.isEmpty())
                .filter(p -> {
                    String name = p.split("=", 2)[0].toLowerCase(Locale.ROOT);
                    return !RENDITION_PARAMS.contains(name) && !name.startsWith("$") && !name.startsWith("%24");
                })
                .sorted()
                .reduce((a, b) -> a + "&" + b).orElse("");
        return host + "/" + String.join("/", kept) + (query.isEmpty() ? "" : "?" + query);
    }

    /** A file name without its extension and the size suffixes CDNs and shop systems add. */
    private static String bareName(String fileName) {
        String name = EXTENSIONS.matcher(fileName).replaceAll("");
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Pattern suffix : FILE_SIZE_SUFFIXES) {
                String shorter = suffix.matcher(name).replaceAll("");
                if (!shorter.equals(name) && !shorter.isEmpty()) {
                    name = shorter;
                    changed = true;
                }
            }
        }
        return name;
    }

    /** The width a URL asks its CDN for ({@code ?w=800}, {@code _800x}, {@code -800x1200}, {@code w_800}), or null. */
    static Integer widthHint(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (Pattern hint : WIDTH_HINTS) {
            Matcher m = hint.matcher(lower);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    static URI uri(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            try {
                // Unencoded spaces and pipes are common in real markup; browsers encode them.
                return new URI(url.trim().replace(" ", "%20").replace("|", "%7C").replace("[", "%5B").replace("]", "%5D"));
            } catch (URISyntaxException again) {
                return null;
            }
        }
    }

    private ImageUrls() {
    }
}
