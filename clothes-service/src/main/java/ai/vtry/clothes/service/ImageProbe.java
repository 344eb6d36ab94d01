package ai.vtry.clothes.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ai.vtry.clothes.config.ClothesConfig;
import ai.vtry.common.fetch.FetchException;
import ai.vtry.common.fetch.Fetched;
import ai.vtry.common.fetch.SafeUrlFetcher;
import ai.vtry.common.image.ImageFormat;
import ai.vtry.common.image.ImageInfo;
import ai.vtry.common.image.ImageSniffer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A bounded look at images the markup did not size: the first bytes of each (a Range request, cut
 * after {@link #PREFIX_BYTES}) through the SSRF-safe fetcher, all at once on virtual threads, within
 * one time budget. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class ImageProbe {

    /** Enough for the header of nearly every JPEG (after EXIF and ICC data), PNG and WebP. */
    static final long PREFIX_BYTES = 128 * 1024;

    /** What the first bytes said: a readable header, an image whose size is further in, or no importable image. */
    public sealed interface Finding {
    }

    public record Sized(ImageInfo info) implements Finding {
    }

    public record Unsized() implements Finding {
    }

    public record NotAnImage() implements Finding {
    }

    private final SafeUrlFetcher fetcher;
    private final Duration budget;

    public ImageProbe(SafeUrlFetcher fetcher, ClothesConfig config) {
        this.fetcher = fetcher;
        this.budget = config.probeTimeout();
    }

    /** The findings for the URLs that answered in time; unreachable or slow ones are missing. */
    public Map<String, Finding> probe(List<String> urls, String referer) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        if (urls.isEmpty()) {
            return findings;
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Callable<Optional<Finding>>> tasks = new ArrayList<>();
            for (String url : urls) {
                tasks.add(() -> look(url, referer));
            }
            List<Future<Optional<Finding>>> results = threads.invokeAll(tasks, budget.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < urls.size(); i++) {
                Optional<Finding> finding = outcome(results.get(i));
                if (finding.isPresent()) {
                    findings.put(urls.get(i), finding.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdownNow(); // never wait for a source that is still talking
        }
        return findings;
    }

    private static Optional<Finding> outcome(Future<Optional<Finding>> result) {
        try {
            return result.get();
        } catch (CancellationException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<Finding> look(String url, String referer) {
        try (Fetched head = fetcher.fetchPrefix(url, referer, "image/webp,image/jpeg,image/png,image/*;q=0.8", PREFIX_BYTES)) {
            Optional<ImageInfo> info = ImageSniffer.sniff(head.file());
            if (info.isPresent()) {
                return Optional.of(new Sized(info.get()));
            }
            return Optional.of(importable(head) ? new Unsized() : new NotAnImage());
        } catch (FetchException e) {
            return Optional.empty();
        }
    }

    private static boolean importable(Fetched head) {
        try (InputStream in = Files.newInputStream(head.file())) {
            byte[] signature = new byte[12];
            return ImageFormat.fromSignature(signature, in.readNBytes(signature, 0, signature.length)) != null;
        } catch (IOException e) {
            return true; // nothing learnt: keep the picture
        }
    }
}
