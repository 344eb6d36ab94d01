package ai.vtry.generation.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The curated Prompt Gallery, read once from the classpath. A broken file stops start-up rather than
 * serving a partial gallery or failing generations later. A {@code @Singleton}: a client proxy of a
 * normal scope would run the loading constructor a second time.
 */
@Startup
@Singleton
public class PresetCatalog {

    public static final String RESOURCE = "presets/prompt-presets.json";
    /** The file format this code understands; bump it together with the reader when the shape changes. */
    public static final int SUPPORTED_VERSION = 1;

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The file as written; unknown properties fail so a typo in a field name is not silently dropped. */
    record CatalogFile(Integer version, List<Preset> presets) {
    }

    public record Category(String name, List<Preset> presets) {
    }

    private final List<Preset> presets;
    private final List<Category> categories;
    private final Map<String, Preset> byId;
    private final Map<String, Preset> byTitle;

    @Inject
    public PresetCatalog() {
        this(readResource(RESOURCE));
        Log.infof("Prompt Gallery: %d presets in %d categories", presets.size(), categories.size());
    }

    PresetCatalog(List<Preset> presets) {
        this.presets = List.copyOf(presets);
        Map<String, Preset> ids = new LinkedHashMap<>();
        Map<String, Preset> titles = new LinkedHashMap<>();
        Map<String, List<Preset>> grouped = new LinkedHashMap<>();
        for (Preset p : this.presets) {
            ids.put(p.id(), p);
            titles.put(titleKey(p.title()), p);
            grouped.computeIfAbsent(p.category(), c -> new ArrayList<>()).add(p);
        }
        List<Category> cats = new ArrayList<>();
        grouped.forEach((name, list) -> cats.add(new Category(name, List.copyOf(list))));
        this.byId = Collections.unmodifiableMap(ids);
        this.byTitle = Collections.unmodifiableMap(titles);
        this.categories = List.copyOf(cats);
    }

    /** Every preset in file order. */
    public List<Preset> presets() {
        return presets;
    }

    /** Categories in order of first appearance in the file, each with its presets in file order. */
    public List<Category> categories() {
        return categories;
    }

    public Optional<Preset> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id.strip()));
    }

    /** Titles are matched case-insensitively, as users type them from the gallery. */
    public Optional<Preset> byTitle(String title) {
        return title == null ? Optional.empty() : Optional.ofNullable(byTitle.get(titleKey(title)));
    }

    private static String titleKey(String title) {
        return title.strip().toLowerCase(Locale.ROOT);
    }

    static List<Preset> readResource(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Prompt presets: " + resource + " is not on the classpath");
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new IllegalStateException("Prompt presets: cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks a presets file; every problem is an IllegalStateException naming the file and the preset. */
    static List<Preset> parse(InputStream in, String source) {
        CatalogFile file;
        try {
            file = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, CatalogFile.class);
        } catch (IOException e) {
            throw new IllegalStateException("Prompt presets: " + source + " is not a valid presets file: " + e.getMessage(), e);
        }
        if (file == null || file.version() == null || file.version() != SUPPORTED_VERSION) {
            throw new IllegalStateException("Prompt presets: " + source + " must have \"version\": " + SUPPORTED_VERSION
                    + (file == null ? "" : ", found " + file.version()));
        }
        if (file.presets() == null || file.presets().isEmpty()) {
            throw new IllegalStateException("Prompt presets: " + source + " has no presets");
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        Map<String, Integer> titles = new LinkedHashMap<>();
        for (int i = 0; i < file.presets().size(); i++) {
            Preset p = file.presets().get(i);
            String where = "Prompt presets: " + source + " preset #" + (i + 1);
            if (p == null) {
                throw new IllegalStateException(where + " is null");
            }
            where += p.id() == null ? "" : " (" + p.id() + ")";
            if (p.id() == null || !KEBAB.matcher(p.id()).matches()) {
                throw new IllegalStateException(where + ": id must be kebab-case (a-z, 0-9 and single dashes)");
            }
            requireText(where, "title", p.title());
            requireText(where, "category", p.category());
            requireText(where, "text", p.text());
            Integer seen = ids.putIfAbsent(p.id(), i + 1);
            if (seen != null) {
                throw new IllegalStateException(where + ": duplicate id, already used by preset #" + seen);
            }
            // Lookup by title must be unambiguous.
            seen = titles.putIfAbsent(titleKey(p.title()), i + 1);
            if (seen != null) {
                throw new IllegalStateException(where + ": duplicate title \"" + p.title() + "\", already used by preset #" + seen);
            }
        }
        return List.copyOf(file.presets());
    }

    private static void requireText(String where, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(where + ": " + field + " must not be empty");
        }
    }
}
