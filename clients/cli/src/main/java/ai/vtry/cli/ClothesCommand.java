package ai.vtry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import ai.vtry.client.model.AddClothRequest;
import ai.vtry.client.model.Cloth;
import ai.vtry.client.model.ClothMode;
import ai.vtry.client.model.ClothQueued;
import ai.vtry.client.model.ClothesPage;
import ai.vtry.client.model.Model;
import ai.vtry.client.model.Resolution;
import ai.vtry.client.model.SourceImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vtry clothes add|discover|list}: the clothes library. */
@Command(name = "clothes", description = "Add garments to the clothes library, find them on product pages, list them.")
final class ClothesCommand {

    @ParentCommand
    VtryCommand root;

    @Command(name = "add", description = "Add a garment from a file or an image URL, or the picture --pick N of the "
            + "last `clothes discover`.")
    int add(
            @Parameters(arity = "0..1", paramLabel = "FILE|URL", description = "An image file, or an http(s) image URL.")
            String source,
            @Option(names = "--pick", paramLabel = "N", description = "Picture N of the last discovery.")
            Integer pick,
            @Option(names = "--extract", description = "Cut the garment out with an image model instead of keeping "
                    + "the picture as it is.")
            boolean extract,
            @Option(names = "--model", description = "With --extract: NanoBanana (default) or NanoBanana2.")
            Model model,
            @Option(names = "--resolution", description = "With --extract and NanoBanana2: 1K, 2K or 4K.")
            Resolution resolution,
            @Option(names = "--prompt", description = "With --extract: what to extract, e.g. \"the red dress\".")
            String prompt,
            @Option(names = "--source-page", paramLabel = "URL", description = "The product page the image comes from.")
            String sourcePage,
            @Option(names = "--wait", description = "Wait for the job; exit 0 only if it COMPLETED.")
            boolean wait) {
        if ((source == null) == (pick == null)) {
            throw new UsageError("Give either FILE|URL or --pick N");
        }
        AddClothRequest.Builder request = AddClothRequest.builder().mode(extract ? ClothMode.EXTRACT : ClothMode.DIRECT)
                .model(extract && model == null ? Model.NANO_BANANA : model).resolution(resolution).prompt(prompt)
                .sourcePageUrl(sourcePage);
        if (pick != null) {
            SourceImages.SourceImage picked = picked(pick);
            request.imageUrl(picked.imageUrl()).sourcePageUrl(sourcePage != null ? sourcePage : picked.sourcePageUrl());
        } else if (source.startsWith("http://") || source.startsWith("https://")) {
            request.imageUrl(source);
        } else if (Files.isReadable(Path.of(source))) {
            request.file(Path.of(source));
        } else {
            throw new UsageError("Cannot read " + source);
        }
        ClothQueued queued = root.client().clothes().add(request.build());
        if (!wait) {
            return root.printQueued(queued, queued.requestId());
        }
        int exit = root.awaitJob(queued.requestId(), null);
        if (exit == VtryCommand.OK && !root.json) {
            // The job does not name its cloth; the library lists the newest first.
            List<Cloth> newest = root.client().clothes().list(1, 1).clothes();
            if (!newest.isEmpty()) {
                root.env.out().println("cloth " + newest.get(0).id() + " (the newest in the library)");
            }
        }
        return exit;
    }

    @Command(name = "discover", description = "List the pictures a product or outfit page offers, numbered for "
            + "`clothes add --pick N`.")
    int discover(@Parameters(paramLabel = "PAGE_URL", description = "A product, outfit or image URL.") String url,
            @Option(names = "--limit", defaultValue = "12", description = "At most this many pictures (1 to 20).")
            int limit) {
        SourceImages found = root.client().clothes().sourceImages(url, limit);
        try {
            root.config.saveLastDiscovery(VtryCommand.JSON.writeValueAsString(found));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the discovery as JSON", e);
        }
        if (root.json) {
            root.printJson(found);
            return VtryCommand.OK;
        }
        root.env.out().println(found.pageTitle() == null ? found.inputUrl() : found.pageTitle());
        List<SourceImages.SourceImage> images = found.images();
        for (int i = 0; i < images.size(); i++) {
            SourceImages.SourceImage image = images.get(i);
            String size = image.width() == null || image.height() == null ? "?" : image.width() + "x" + image.height();
            String title = image.title() == null ? "" : image.title();
            root.env.out().printf("%2d  %-9s  %-30.30s  %s%n", i + 1, size, title, image.imageUrl());
        }
        root.env.out().println(images.isEmpty() ? "No pictures found." : "Add one with: vtry clothes add --pick N");
        return VtryCommand.OK;
    }

    @Command(name = "list", description = "List the clothes library, newest first.")
    int list(@Option(names = "--page", defaultValue = "1", description = "From 1.") int page,
            @Option(names = "--page-size", defaultValue = "20", description = "1 to 100.") int pageSize) {
        ClothesPage clothes = root.client().clothes().list(page, pageSize);
        if (root.json) {
            root.printJson(clothes);
        } else {
            clothes.clothes().forEach(cloth -> root.env.out().println(cloth.id() + "  "
                    + (cloth.sourceUrl() == null ? "" : cloth.sourceUrl())));
            root.env.out().println("page " + clothes.page() + " of " + clothes.totalPages() + ", " + clothes.total()
                    + " clothes");
        }
        return VtryCommand.OK;
    }

    private SourceImages.SourceImage picked(int pick) {
        String saved = root.config.loadLastDiscovery();
        if (saved == null) {
            throw new UsageError("No discovery yet: run `vtry clothes discover PAGE_URL`");
        }
        List<SourceImages.SourceImage> images;
        try {
            images = VtryCommand.JSON.readValue(saved, SourceImages.class).images();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root.config.lastDiscovery(), e);
        }
        if (pick < 1 || pick > images.size()) {
            throw new UsageError("--pick must be 1 to " + images.size());
        }
        return images.get(pick - 1);
    }
}
