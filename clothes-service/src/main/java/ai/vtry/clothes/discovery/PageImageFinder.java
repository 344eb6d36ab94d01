package ai.vtry.clothes.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the garment pictures of a product or outfit page, best first.
 *
 * <ol>
 * <li>Collect every picture the markup names: JSON-LD Product images, Open Graph and Twitter
 * images, {@code image_src} and preload links, microdata, {@code img} (src, the largest srcset
 * candidate, lazy-loading attributes such as data-src, zoom and full-size attributes), picture
 * sources, links to image files, CSS background images and, on pages that name almost nothing,
 * image URLs in inline scripts. Relative URLs are resolved against the page's base URL.</li>
 * <li>Group the variants of one picture: everything one {@code img}/{@code picture}/zoom link
 * offers, and any URLs that differ only by size, format or CDN rendition ({@link ImageUrls#pictureKey}).
 * Each group is returned once, as its largest variant.</li>
 * <li>Drop what is never a garment: logos, icons, sprites, placeholders, tracking pixels, tiny or
 * banner-shaped pictures, formats that cannot be imported, and pictures in navigation, footers,
 * recommendations and the like.</li>
 * <li>Rank: declared product images first, then gallery pictures, with bonuses for pictures that
 * several signals agree on, that are large, or whose text names the product.</li>
 * </ol>
 * Pure and deterministic: the same document always gives the same list, unless the deadline
 * cuts collecting short (see {@link #find(Document, int, Instant)}).
 */
public final class PageImageFinder {

    /** A picture as the API returns it; width and height only where the markup states them. */
    public record FoundImage(String imageUrl, String title, Integer width, Integer height) {
    }

    public record Result(String pageTitle, List<FoundImage> images) {
    }

    /** Where a URL came from, with how strongly that alone says "the product's picture". */
    enum Signal {
        JSON_LD_PRODUCT(100), MICRODATA_PRODUCT(90), OPEN_GRAPH(60), TWITTER(45), MICRODATA(35), IMAGE_SRC_LINK(35),
        PRELOAD(30), JSON_LD(25), LINKED(15), IMG(10), SCRIPT(5), BACKGROUND(0);

        final int score;

        Signal(int score) {
            this.score = score;
        }

        boolean declared() {
            return this == JSON_LD_PRODUCT || this == MICRODATA_PRODUCT || this == OPEN_GRAPH || this == TWITTER
                    || this == MICRODATA || this == IMAGE_SRC_LINK || this == JSON_LD;
        }
    }

    private static final Set<String> PRODUCT_CONTEXT = Set.of("product", "pdp", "gallery", "carousel", "slider",
            "slideshow", "swiper", "slick", "fotorama", "zoom", "media", "photo", "photos", "image", "images", "viewer",
            "lightbox", "detail", "details", "outfit", "look", "main", "primary", "article", "item");
    private static final Set<String> NOISE_CONTEXT = Set.of("header", "footer", "nav", "navbar", "navigation", "menu",
            "megamenu", "breadcrumb", "breadcrumbs", "sidebar", "related", "recommendation", "recommendations",
            "recommended", "recs", "upsell", "upsells", "crosssell", "cross", "recently", "viewed", "similar", "also",
            "reviews", "review", "newsletter", "cookie", "cookies", "consent", "popup", "promo", "promotion",
            "banner", "banners", "ad", "ads", "advert", "advertisement", "sponsored", "social", "share", "sharing",
            "payment", "payments", "trust", "logo", "logos", "account", "login", "minicart", "blog");
    private static final Set<String> LISTING_CONTEXT = Set.of("card", "cards", "tile", "tiles", "teaser", "teasers",
            "listing");
    private static final Set<String> NOISE_TAGS = Set.of("header", "footer", "nav", "aside");
    /** Attributes that hold the full-size picture of a thumbnail or zoomable image. */
    private static final List<String> LARGE_ATTRIBUTES = List.of("data-zoom-image", "data-zoom", "data-zoom-src",
            "data-large_image", "data-large-image", "data-large", "data-full", "data-full-src", "data-fullsize",
            "data-hires", "data-src-hires", "data-original", "data-orig-file", "data-big", "data-master", "data-old-hires");
    /** Lazy-loading attributes: the real picture before a script moves it into src. */
    private static final List<String> LAZY_ATTRIBUTES = List.of("data-src", "data-lazy-src", "data-lazy",
            "data-original-src", "data-src-retina", "data-image", "data-img", "data-echo", "data-flickity-lazyload",
            "data-ll-src", "data-medium-file", "data-default-src");
    private static final List<String> SRCSET_ATTRIBUTES = List.of("srcset", "data-srcset", "data-lazy-srcset");
    private static final Pattern IMAGE_FILE = Pattern.compile("\\.(jpe?g|png|webp)($|[?#])", Pattern.CASE_INSENSITIVE);
    /** Possessive middle {@code \s*+}: sharing a long run of spaces with the last {@code \s*} was quadratic on hostile pages. */
    private static final Pattern PIXELS = Pattern.compile("^\\s*(\\d{1,5})(\\.\\d+)?\\s*+(px)?\\s*$");
    private static final Pattern SIZE_PAIR = Pattern.compile("^\\s*(\\d{1,5})\\s*[x×,]\\s*(\\d{1,5})\\s*$");
    private static final int TITLE_MAX = 300;
    private static final int MIN_SIDE = 100;
    private static final int MAX_RATIO = 4;
    private static final int STRONG_SCORE = 20;
    // The weights of a picture's score besides its signal (Signal.score): named, so a change says what it tunes.
    /** Surroundings that say "product" (a gallery, a PDP), or noise (navigation, footer, recommendations), or a listing. */
    private static final int PRODUCT_SURROUNDINGS = 25;
    private static final int NOISE_SURROUNDINGS = -35;
    private static final int LISTING_SURROUNDINGS = -20;
    /** Each further kind of signal naming the same picture, up to a cap. */
    private static final int AGREEING_SIGNAL = 10;
    private static final int AGREEING_SIGNALS_MAX = 30;
    /** A known width: large (600 px and more), medium (300 px and more), tiny (under 150 px). */
    private static final int LARGE = 15;
    private static final int MEDIUM = 8;
    private static final int TINY = -30;
    /** A title or alt text that names the product. */
    private static final int TITLE_NAMES_PRODUCT = 10;
    /** Real pages take milliseconds; this only stops a page built to keep discovery busy. */
    private static final Duration BUDGET = Duration.ofSeconds(1);

    /**
     * How large a URL's picture probably is, from the kind of attribute that names it: breaks ties
     * between a picture's URLs and stands in for a width the markup does not state.
     */
    enum Quality {
        /** An img's src or a preload's href: often a thumbnail. */
        SRC(300),
        /** Lazy-loading attributes, CSS backgrounds, URLs in scripts. */
        LAZY(600),
        /** Declared images (meta, JSON-LD, microdata) and the largest of a srcset or size list. */
        HIGH(1500),
        /** Zoom and full-size attributes, links to the image file. */
        FULL_SIZE(2500);

        final int guessedWidth;

        Quality(int guessedWidth) {
            this.guessedWidth = guessedWidth;
        }
    }

    /**
     * One URL of a picture with its evidence: the size and words the markup gives it, the signal that
     * named it, what its surroundings say ({@code context}), how large it probably is, and whether its
     * element calls itself a logo or icon ({@code junk}). Call sites start from {@code of} and name what
     * else they know; {@code add} numbers it in the order collecting met it ({@code order}).
     */
    private record Candidate(String url, Integer width, Integer height, String title, Signal signal, int context,
            Quality quality, boolean junk, int order) {

        static Candidate of(String url, Signal signal, Quality quality) {
            return new Candidate(url, null, null, null, signal, 0, quality, false, 0);
        }

        /** Another URL of the same picture, with the same evidence. */
        Candidate withUrl(String url, Quality quality) {
            return new Candidate(url, width, height, title, signal, context, quality, junk, order);
        }

        Candidate withSize(Integer width, Integer height) {
            return new Candidate(url, width, height, title, signal, context, quality, junk, order);
        }

        Candidate withTitle(String title) {
            return new Candidate(url, width, height, title, signal, context, quality, junk, order);
        }

        Candidate withContext(int context) {
            return new Candidate(url, width, height, title, signal, context, quality, junk, order);
        }

        Candidate withJunk(boolean junk) {
            return new Candidate(url, width, height, title, signal, context, quality, junk, order);
        }

        /** As stored: the URL trimmed, numbered in collecting order. */
        Candidate numbered(int order) {
            return new Candidate(url.trim(), width, height, title, signal, context, quality, junk, order);
        }
    }

    private final Document document;
    private final Instant deadline;
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<Integer> groupOf = new ArrayList<>();
    private int nextGroup;
    private int order;

    private PageImageFinder(Document document, Instant deadline) {
        this.document = document;
        this.deadline = deadline;
    }

    /** Parses {@code html} as served from {@code baseUrl} (the final URL after redirects). */
    public static Result find(String html, String baseUrl, int limit) {
        return find(Jsoup.parse(html, baseUrl), limit);
    }

    public static Result find(Document document, int limit) {
        return find(document, limit, Instant.now().plus(BUDGET));
    }

    /**
     * Stops collecting when {@code deadline} passes and ranks what it found so far: however a page
     * is built, discovery ends. The strongest signals (meta, links, JSON-LD) are collected first.
     */
    public static Result find(Document document, int limit, Instant deadline) {
        PageImageFinder finder = new PageImageFinder(document, deadline);
        finder.collect();
        return new Result(pageTitle(document), finder.ranked(limit));
    }

    private boolean late() {
        return Instant.now().isAfter(deadline);
    }

    // ------------------------------------------------------------------ collecting

    private void collect() {
        metaImages();
        linkImages();
        for (Element script : document.select("script[type~=(?i)application/ld\\+json]")) {
            if (late()) {
                return;
            }
            jsonLd(script.data());
        }
        for (Element img : document.select("img")) {
            if (late()) {
                return;
            }
            img(img);
        }
        for (Element noscript : document.select("noscript")) {
            if (late()) {
                return;
            }
            if (noscript.children().isEmpty() && noscript.data().toLowerCase(Locale.ROOT).contains("<img")) {
                Document fragment = Jsoup.parseBodyFragment(noscript.data(), noscript.baseUri());
                for (Element img : fragment.select("img")) {
                    if (late()) {
                        return;
                    }
                    img(img);
                }
            }
        }
        for (Element link : document.select("a[href]")) {
            if (late()) {
                return;
            }
            if (link.select("img").isEmpty() && IMAGE_FILE.matcher(link.attr("href")).find()) {
                Integer[] size = sizePair(link);
                add(newGroup(), Candidate.of(link.absUrl("href"), Signal.LINKED, Quality.FULL_SIZE)
                        .withSize(size[0], size[1]).withTitle(title(link)).withContext(context(link)));
            }
        }
        backgrounds();
        if (strongGroups() < 3) {
            scriptImages();
        }
    }

    /** og:image (with its og:image:width/height/alt), twitter:image and microdata meta, in document order. */
    private void metaImages() {
        int openGraph = -1;
        for (Element meta : document.select("meta")) {
            if (late()) {
                return;
            }
            String property = (meta.hasAttr("property") ? meta.attr("property") : meta.attr("name")).trim().toLowerCase(Locale.ROOT);
            String content = meta.attr("content").trim();
            switch (property) {
                case "og:image", "og:image:url", "og:image:secure_url" -> {
                    String url = meta.absUrl("content");
                    if (openGraph >= 0 && (property.equals("og:image:url") || property.equals("og:image:secure_url"))) {
                        // the same picture as the og:image just before it
                        add(groupOf.get(openGraph), Candidate.of(url, Signal.OPEN_GRAPH, Quality.HIGH));
                    } else {
                        openGraph = add(newGroup(), Candidate.of(url, Signal.OPEN_GRAPH, Quality.HIGH));
                    }
                }
                case "og:image:width", "og:image:height", "og:image:alt" -> {
                    if (openGraph >= 0 && openGraph < candidates.size()) {
                        Candidate og = candidates.get(openGraph);
                        candidates.set(openGraph, switch (property) {
                            case "og:image:width" -> og.withSize(pixels(content), og.height());
                            case "og:image:height" -> og.withSize(og.width(), pixels(content));
                            default -> og.withTitle(content);
                        });
                    }
                }
                case "twitter:image", "twitter:image:src" ->
                        add(newGroup(), Candidate.of(meta.absUrl("content"), Signal.TWITTER, Quality.HIGH));
                default -> {
                    if (meta.attr("itemprop").equalsIgnoreCase("image")) {
                        add(newGroup(), Candidate.of(meta.absUrl("content"), microdata(meta), Quality.HIGH)
                                .withContext(context(meta)));
                    }
                }
            }
        }
    }

    private void linkImages() {
        for (Element link : document.select("link[href], link[imagesrcset]")) {
            if (late()) {
                return;
            }
            String rel = link.attr("rel").toLowerCase(Locale.ROOT);
            if (rel.contains("image_src")) {
                add(newGroup(), Candidate.of(link.absUrl("href"), Signal.IMAGE_SRC_LINK, Quality.HIGH));
            } else if (link.attr("itemprop").equalsIgnoreCase("image")) {
                add(newGroup(), Candidate.of(link.absUrl("href"), microdata(link), Quality.HIGH).withContext(context(link)));
            } else if (rel.contains("preload") && link.attr("as").equalsIgnoreCase("image")) {
                int group = newGroup();
                Candidate preload = Candidate.of(link.absUrl("href"), Signal.PRELOAD, Quality.SRC);
                if (link.hasAttr("href")) {
                    add(group, preload);
                }
                srcset(group, link, link.attr("imagesrcset"), preload);
            }
        }
    }

    private void jsonLd(String script) {
        for (JsonLdImages.Found found : JsonLdImages.from(script)) {
            String url = StringUtil.resolve(document.baseUri(), found.url());
            Signal signal = found.product() ? Signal.JSON_LD_PRODUCT : Signal.JSON_LD;
            add(newGroup(), Candidate.of(url, signal, Quality.HIGH).withSize(found.width(), found.height())
                    .withTitle(found.title()));
        }
    }

    /** One img with its picture sources and a link around it to the full-size file: all one picture. */
    private void img(Element img) {
        int group = newGroup();
        Signal signal = img.attr("itemprop").equalsIgnoreCase("image") ? microdata(img) : Signal.IMG;
        boolean ownJunk = ImageUrls.junkElement(img.className() + " " + img.id())
                || (ImageUrls.junkWords(img.attr("alt")) && ImageUrls.tokens(img.attr("alt")).size() <= 4);
        Integer width = pixels(firstNonBlank(img.attr("width"), img.attr("data-width")));
        Integer height = pixels(firstNonBlank(img.attr("height"), img.attr("data-height")));
        // What the img says holds for each of its URLs; each URL then brings its own quality and sometimes size.
        Candidate shown = Candidate.of(img.absUrl("src"), signal, Quality.SRC).withSize(width, height)
                .withTitle(title(img)).withContext(context(img)).withJunk(ownJunk);

        String src = img.attr("src").trim();
        if (!src.isEmpty() && !src.startsWith("data:")) {
            add(group, shown);
        }
        for (String attribute : LAZY_ATTRIBUTES) {
            if (looksLikeUrl(img.attr(attribute))) {
                add(group, shown.withUrl(img.absUrl(attribute), Quality.LAZY));
            }
        }
        for (String attribute : LARGE_ATTRIBUTES) {
            if (looksLikeUrl(img.attr(attribute))) {
                add(group, shown.withUrl(img.absUrl(attribute), Quality.FULL_SIZE)
                        .withSize(pixels(img.attr(attribute + "_width")), pixels(img.attr(attribute + "_height"))));
            }
        }
        for (String attribute : SRCSET_ATTRIBUTES) {
            srcset(group, img, img.attr(attribute), shown);
        }
        for (JsonLdImages.Found sized : JsonLdImages.sizedUrls(img.attr("data-a-dynamic-image"))) {
            add(group, shown.withUrl(StringUtil.resolve(img.baseUri(), sized.url()), Quality.HIGH)
                    .withSize(sized.width(), sized.height()));
        }
        Element picture = img.parent() != null && img.parent().nameIs("picture") ? img.parent() : null;
        if (picture != null) {
            for (Element source : picture.select("source")) {
                String type = source.attr("type").toLowerCase(Locale.ROOT);
                if (type.isEmpty() || type.equals("image/jpeg") || type.equals("image/png") || type.equals("image/webp")) {
                    for (String attribute : SRCSET_ATTRIBUTES) {
                        srcset(group, source, source.attr(attribute), shown);
                    }
                }
            }
        }
        Element link = img.closest("a[href]");
        if (link != null && IMAGE_FILE.matcher(link.attr("href")).find()) {
            Integer[] size = sizePair(link);
            add(group, shown.withUrl(link.absUrl("href"), Quality.FULL_SIZE).withSize(size[0], size[1]));
        }
    }

    /** The largest candidate of a srcset, as another URL of {@code shown}'s picture. */
    private void srcset(int group, Element element, String value, Candidate shown) {
        Integer width = shown.width();
        Integer height = shown.height();
        Srcset.largest(value).ifPresent(entry -> {
            Integer w;
            Integer h;
            if (entry.width() != null) {
                // a width descriptor; the height follows from the img's own aspect ratio, if it states one
                w = entry.width();
                h = width != null && height != null ? (int) Math.round((double) w * height / width) : null;
            } else {
                // a density descriptor: 2x is twice the img's stated size
                w = width == null ? null : (int) Math.round(width * entry.density());
                h = height == null ? null : (int) Math.round(height * entry.density());
            }
            add(group, shown.withUrl(StringUtil.resolve(element.baseUri(), entry.url()), Quality.HIGH).withSize(w, h));
        });
    }

    /** Inline {@code background-image: url(...)} and lazy background attributes. */
    private void backgrounds() {
        for (Element element : document.select("[style*=url(], [data-bg], [data-background], [data-background-image]")) {
            if (late()) {
                return;
            }
            List<String> urls = new ArrayList<>(InlineUrls.css(element.attr("style")));
            for (String attribute : List.of("data-bg", "data-background", "data-background-image")) {
                String value = element.attr(attribute);
                urls.add(InlineUrls.css(value).stream().findFirst().orElse(value));
            }
            boolean junk = ImageUrls.junkElement(element.className() + " " + element.id());
            for (String url : urls) {
                if (looksLikeUrl(url)) {
                    add(newGroup(), Candidate.of(StringUtil.resolve(element.baseUri(), url.trim()), Signal.BACKGROUND,
                            Quality.LAZY).withTitle(title(element)).withContext(context(element)).withJunk(junk));
                }
            }
        }
    }

    /** Pages rendered by scripts name their pictures only in their state JSON. */
    private void scriptImages() {
        for (Element script : document.select("script")) {
            if (late()) {
                return;
            }
            if (script.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                continue;
            }
            String data = script.data().replace("\\/", "/").replace("\\u002F", "/").replace("\\u002f", "/");
            for (String url : InlineUrls.scriptImages(data)) {
                add(newGroup(), Candidate.of(url, Signal.SCRIPT, Quality.LAZY));
            }
        }
    }

    private int newGroup() {
        return nextGroup++;
    }

    /** Keeps {@code candidate} as one URL of picture {@code group}; its index, or -1 when the URL is unusable. */
    private int add(int group, Candidate candidate) {
        String url = candidate.url();
        if (url == null || url.isBlank() || !ImageUrls.usable(url.trim())) {
            return -1;
        }
        candidates.add(candidate.numbered(order++));
        groupOf.add(group);
        return candidates.size() - 1;
    }

    // ------------------------------------------------------------------ context

    /** How an element's surroundings speak for or against it being the page's product. */
    private static int context(Element element) {
        boolean product = false;
        boolean noise = false;
        boolean listing = false;
        int depth = 0;
        for (Element e = element; e != null && depth < 14 && !e.nameIs("body"); e = e.parent(), depth++) {
            if (NOISE_TAGS.contains(e.normalName()) || "banner".equals(e.attr("role")) || "navigation".equals(e.attr("role"))
                    || "contentinfo".equals(e.attr("role"))) {
                noise = true;
            }
            List<String> words = ImageUrls.tokens(e.className() + " " + e.id() + " " + e.attr("data-testid") + " "
                    + e.attr("data-component") + " " + e.attr("data-section-type") + " " + e.attr("aria-label"));
            if (e.attr("itemtype").toLowerCase(Locale.ROOT).contains("schema.org/product")) {
                product = true;
            }
            for (String word : words) {
                product |= PRODUCT_CONTEXT.contains(word);
                noise |= NOISE_CONTEXT.contains(word);
                listing |= LISTING_CONTEXT.contains(word);
            }
        }
        // Navigation, footers and recommendations win over a product word further up (a page-wide "product-page").
        return (noise ? NOISE_SURROUNDINGS : product ? PRODUCT_SURROUNDINGS : 0) + (listing ? LISTING_SURROUNDINGS : 0);
    }

    private static Signal microdata(Element element) {
        Element scope = element.closest("[itemscope]");
        // an itemprop=image on the element that carries the scope belongs to the enclosing item
        if (scope == element && element.parent() != null) {
            scope = element.parent().closest("[itemscope]");
        }
        return scope != null && scope.attr("itemtype").toLowerCase(Locale.ROOT).contains("schema.org/product")
                ? Signal.MICRODATA_PRODUCT : Signal.MICRODATA;
    }

    // ------------------------------------------------------------------ grouping and ranking

    private List<FoundImage> ranked(int limit) {
        Map<Integer, List<Candidate>> groups = mergedGroups();
        Set<String> productWords = productWords();
        List<Scored> scored = new ArrayList<>();
        for (List<Candidate> group : groups.values()) {
            Scored s = score(group, productWords);
            if (s != null) {
                scored.add(s);
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order));
        return scored.stream().limit(limit).map(Scored::image).toList();
    }

    private record Scored(FoundImage image, int score, int order) {
    }

    /** Groups joined when any of their URLs share a picture key (the same picture at another size). */
    private Map<Integer, List<Candidate>> mergedGroups() {
        int[] parent = new int[nextGroup];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            String key = ImageUrls.pictureKey(candidates.get(i).url());
            Integer other = byKey.putIfAbsent(key, groupOf.get(i));
            if (other != null) {
                union(parent, other, groupOf.get(i));
            }
        }
        Map<Integer, List<Candidate>> groups = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            groups.computeIfAbsent(find(parent, groupOf.get(i)), g -> new ArrayList<>()).add(candidates.get(i));
        }
        return groups;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private Scored score(List<Candidate> all, Set<String> productWords) {
        if (all.stream().anyMatch(Candidate::junk)) {
            return null; // the element itself says logo, icon...
        }
        boolean declaredProduct = all.stream().anyMatch(v -> v.signal() == Signal.JSON_LD_PRODUCT
                || v.signal() == Signal.MICRODATA_PRODUCT);
        // A junk URL (a placeholder src of a lazy image) goes alone; the picture's other URLs still count.
        List<Candidate> group = declaredProduct ? all : all.stream().filter(v -> !ImageUrls.junkPath(v.url())).toList();
        if (group.isEmpty()) {
            return null;
        }
        Candidate best = group.stream().max(Comparator.comparingInt(PageImageFinder::sizeEstimate)
                .thenComparing(Candidate::quality)
                .thenComparingInt(v -> v.signal().score)
                .thenComparing(Comparator.comparingInt(Candidate::order).reversed())).orElseThrow();
        Integer width = best.width();
        Integer height = best.height();
        for (Candidate v : group) {
            if (v.url().equals(best.url())) {
                width = width != null ? width : v.width();
                height = height != null ? height : v.height();
            }
        }
        Integer maxWidth = group.stream().map(Candidate::width).filter(w -> w != null).max(Integer::compare).orElse(null);
        Integer maxHeight = group.stream().map(Candidate::height).filter(h -> h != null).max(Integer::compare).orElse(null);
        if (!plausibleSize(maxWidth, maxHeight) || !plausibleSize(width, height)) {
            return null;
        }

        Set<Signal> signals = new HashSet<>();
        for (Candidate v : group) {
            if (v.signal() != Signal.SCRIPT) {
                signals.add(v.signal());
            }
        }
        String title = title(group);
        // The strongest single mention, then what agrees with it, its size and its title.
        int score = group.stream().mapToInt(v -> v.signal().score + v.context()).max().orElseThrow()
                + Math.min(AGREEING_SIGNALS_MAX, AGREEING_SIGNAL * Math.max(0, signals.size() - 1))
                // Declared product images keep the order their page gives them; size only ranks the rest.
                + (declaredProduct ? 0 : sizeBonus(width != null ? width : ImageUrls.widthHint(best.url())))
                + (title != null && mentionsProduct(title, productWords) ? TITLE_NAMES_PRODUCT : 0);
        boolean strongSignal = signals.stream().anyMatch(Signal::declared);
        if (score < 0 && !strongSignal) {
            return null; // pictures in navigation, footers, recommendations and the like
        }
        int first = group.stream().mapToInt(Candidate::order).min().orElse(0);
        return new Scored(new FoundImage(best.url(), title, width, height), score, first);
    }

    private static int sizeBonus(Integer knownWidth) {
        if (knownWidth == null) {
            return 0;
        }
        return knownWidth >= 600 ? LARGE : knownWidth >= 300 ? MEDIUM : knownWidth < 150 ? TINY : 0;
    }

    /**
     * Whether a picture of this size (either may be unknown) can be a garment: not an icon, a
     * thumbnail of nothing larger or a tracking pixel (under {@value #MIN_SIDE} px), not a banner or a
     * sprite strip (more than {@value #MAX_RATIO} times wider than high, or the other way round).
     */
    public static boolean plausibleSize(Integer width, Integer height) {
        if ((width != null && width < MIN_SIDE) || (height != null && height < MIN_SIDE)) {
            return false;
        }
        return width == null || height == null || (width <= MAX_RATIO * height && height <= MAX_RATIO * width);
    }

    /** Unknown sizes are guessed from what kind of attribute named the URL: zoom images are large, src often not. */
    private static int sizeEstimate(Candidate v) {
        if (v.width() != null) {
            return v.width();
        }
        Integer hint = ImageUrls.widthHint(v.url());
        if (hint != null) {
            return hint;
        }
        return v.quality().guessedWidth;
    }

    /** The picture's own words (alt, caption, og:image:alt) first, the product's name from JSON-LD last. */
    private static String title(List<Candidate> group) {
        return group.stream()
                .sorted(Comparator.comparing((Candidate v) -> v.signal() == Signal.JSON_LD_PRODUCT || v.signal() == Signal.JSON_LD)
                        .thenComparing(Comparator.comparingInt((Candidate v) -> v.signal().score).reversed())
                        .thenComparingInt(Candidate::order))
                .map(Candidate::title)
                .filter(t -> t != null && !t.isBlank())
                .map(t -> t.length() <= TITLE_MAX ? t.trim() : t.substring(0, TITLE_MAX).trim())
                .findFirst().orElse(null);
    }

    private Set<String> productWords() {
        Set<String> words = new HashSet<>();
        for (Candidate v : candidates) {
            if (v.signal() == Signal.JSON_LD_PRODUCT && v.title() != null) {
                words.addAll(ImageUrls.tokens(v.title()));
            }
        }
        Element ogTitle = document.selectFirst("meta[property=og:title]");
        if (ogTitle != null) {
            words.addAll(ImageUrls.tokens(ogTitle.attr("content")));
        }
        Element h1 = document.selectFirst("h1");
        if (h1 != null) {
            words.addAll(ImageUrls.tokens(h1.text()));
        }
        words.removeIf(w -> w.length() < 3);
        return words;
    }

    private static boolean mentionsProduct(String title, Set<String> productWords) {
        long shared = ImageUrls.tokens(title).stream().filter(w -> w.length() >= 3).distinct().filter(productWords::contains).count();
        return shared >= 2;
    }

    private int strongGroups() {
        Set<Integer> strong = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate v = candidates.get(i);
            if (v.signal().score + v.context() >= STRONG_SCORE && !v.junk()) {
                strong.add(groupOf.get(i));
            }
        }
        return strong.size();
    }

    // ------------------------------------------------------------------ small helpers

    private static String title(Element element) {
        String title = firstNonBlank(element.attr("alt"), element.attr("title"), element.attr("aria-label"));
        if (title == null) {
            Element figure = element.closest("figure");
            Element caption = figure == null ? null : figure.selectFirst("figcaption");
            title = caption == null ? null : caption.text();
        }
        return title == null || title.isBlank() ? null : title.trim();
    }

    /** The page's name: og:title, else the document title, else the first heading. */
    static String pageTitle(Document document) {
        Element og = document.selectFirst("meta[property=og:title], meta[name=og:title]");
        String title = firstNonBlank(og == null ? null : og.attr("content"), document.title(),
                document.selectFirst("h1") == null ? null : document.selectFirst("h1").text());
        if (title == null) {
            return null;
        }
        title = title.trim().replaceAll("\\s+", " ");
        return title.length() <= TITLE_MAX ? title : title.substring(0, TITLE_MAX);
    }

    /** "1200", "1200px" or "1200.0"; null for percentages, zero and nonsense. */
    static Integer pixels(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = PIXELS.matcher(value);
        if (!m.matches()) {
            return null;
        }
        int pixels = Integer.parseInt(m.group(1));
        return pixels > 0 ? pixels : null;
    }

    /** PhotoSwipe's {@code data-size="1200x1600"}, or data-width and data-height. */
    private static Integer[] sizePair(Element link) {
        Matcher m = SIZE_PAIR.matcher(link.attr("data-size"));
        if (m.matches()) {
            return new Integer[] {pixels(m.group(1)), pixels(m.group(2))};
        }
        return new Integer[] {pixels(link.attr("data-width")), pixels(link.attr("data-height"))};
    }

    private static boolean looksLikeUrl(String value) {
        String v = value == null ? "" : value.trim();
        return !v.isEmpty() && !v.startsWith("data:") && !v.startsWith("{") && !v.startsWith("[")
                && !v.contains(" ") && (v.contains("/") || IMAGE_FILE.matcher(v).find());
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
