package ai.vtry.clothes.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import ai.vtry.clothes.discovery.PageImageFinder;
import ai.vtry.clothes.discovery.PageImageFinder.FoundImage;
import ai.vtry.common.error.ApiException;
import ai.vtry.common.fetch.Fetched;
import ai.vtry.common.fetch.SafeUrlFetcher;
import ai.vtry.common.image.ImageInfo;
import ai.vtry.common.image.ImageSniffer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code POST /api/v1/clothes/source-images}: fetches a URL through the SSRF-safe fetcher and says
 * which pictures it offers. An image is itself the answer ({@code directImage}); an HTML page is
 * parsed by {@link PageImageFinder}, and the pictures its markup does not size are probed
 * ({@link ImageProbe}); anything else is refused.
 */
@ApplicationScoped
public class SourceImageService {

    public record SourceImage(String imageUrl, String sourcePageUrl, String title, Integer width, Integer height,
            int position) {
    }

    /** @param sourceType {@code page} or {@code directImage} */
    public record SourceImages(String inputUrl, String sourceType, String pageTitle, List<SourceImage> images) {
    }

    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,image/webp,image/jpeg,image/png;q=0.8,*/*;q=0.5";
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([A-Za-z0-9._:-]+)");
    private static final int SNIFF_BYTES = 2048;

    private final SafeUrlFetcher fetcher;
    private final ImageProbe probe;
    private final Vertx vertx;

    public SourceImageService(SafeUrlFetcher fetcher, ImageProbe probe, Vertx vertx) {
        this.fetcher = fetcher;
        this.probe = probe;
        this.vertx = vertx;
    }

    public Uni<SourceImages> discover(String url, int limit) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> discoverNow(url, limit)));
    }

    private SourceImages discoverNow(String url, int limit) {
        try (Fetched fetched = fetcher.fetch(url, null, ACCEPT)) {
            Optional<ImageInfo> image = ImageSniffer.sniff(fetched.file());
            if (image.isPresent()) {
                return new SourceImages(url, "directImage", null, List.of(
                        new SourceImage(url, url, null, image.get().width(), image.get().height(), 1)));
            }
            if (!html(fetched)) {
                throw new ApiException(400, "unsupportedSource",
                        "The URL returned neither an HTML page nor a JPEG, PNG or WebP image", Map.of("field", "url"));
            }
            String pageUrl = fetched.finalUrl().toString();
            // twice the limit: the probe may still rule some out
            PageImageFinder.Result result = PageImageFinder.find(parse(fetched, pageUrl), 2 * limit);
            return new SourceImages(url, "page", result.pageTitle(), probed(result.images(), pageUrl, limit));
        }
    }

    /**
     * The found pictures in rank order, up to {@code limit}: those the markup did not size are probed;
     * a probe that shows no importable image, an icon or a banner drops the picture, one that cannot
     * reach it in time leaves it as the markup described it.
     */
    private List<SourceImage> probed(List<FoundImage> found, String pageUrl, int limit) {
        List<String> unsized = found.stream().filter(f -> f.width() == null || f.height() == null)
                .map(FoundImage::imageUrl).toList();
        Map<String, ImageProbe.Finding> findings = probe.probe(unsized, pageUrl);
        List<SourceImage> images = new ArrayList<>();
        for (FoundImage image : found) {
            if (images.size() == limit) {
                break;
            }
            Integer width = image.width();
            Integer height = image.height();
            ImageProbe.Finding finding = findings.get(image.imageUrl());
            if (finding instanceof ImageProbe.NotAnImage) {
                continue;
            }
            if (finding instanceof ImageProbe.Sized sized) {
                width = sized.info().width();
                height = sized.info().height();
                if (!PageImageFinder.plausibleSize(width, height)) {
                    continue;
                }
            }
            images.add(new SourceImage(image.imageUrl(), pageUrl, image.title(), width, height, images.size() + 1));
        }
        return images;
    }

    /** HTML by its declared type, or, when the server declares nothing useful, by how it starts. */
    private static boolean html(Fetched fetched) {
        String type = fetched.contentType() == null ? "" : fetched.contentType();
        if (type.contains("html")) {
            return true;
        }
        if (!type.isEmpty() && !type.startsWith("text/plain") && !type.startsWith("application/octet-stream")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(fetched.file())) {
            String head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            return head.contains("<!doctype html") || head.contains("<html") || head.contains("<head") || head.contains("<body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses with the charset the server declared, else the page's own meta charset or BOM, else UTF-8. */
    private static Document parse(Fetched fetched, String baseUrl) {
        String charset = null;
        Matcher m = CHARSET.matcher(fetched.contentType() == null ? "" : fetched.contentType());
        if (m.find() && supported(m.group(1))) {
            charset = m.group(1);
        }
        try {
            return Jsoup.parse(fetched.file().toFile(), charset, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
