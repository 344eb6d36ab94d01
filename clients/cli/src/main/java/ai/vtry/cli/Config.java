package ai.vtry.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * The CLI's files in its config directory: {@code config} (the key stored by {@code vtry login}, and the
 * gateway's URL if given; mode 0600) and {@code last-discovery.json} (the pictures {@code clothes discover}
 * found last, for {@code clothes add --pick}).
 */
final class Config {

    static final String API_KEY = "apiKey";
    static final String BASE_URL = "baseUrl";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;

    Config(Path directory) {
        this.directory = directory;
    }

    Path file() {
        return directory.resolve("config");
    }

    Path lastDiscovery() {
        return directory.resolve("last-discovery.json");
    }

    /** The stored settings; empty when there is no config file. */
    Properties load() {
        Properties settings = new Properties();
        if (Files.exists(file())) {
            try (Reader reader = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
                settings.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file(), e);
            }
        }
        return settings;
    }

    /** Replaces the config file with these settings, readable by its owner only. */
    void save(Properties settings) {
        write(file(), writer -> settings.store(writer, "vtry CLI settings (written by vtry login)"));
    }

    /** Replaces {@code last-discovery.json}. */
    void saveLastDiscovery(String json) {
        write(lastDiscovery(), writer -> writer.write(json));
    }

    /** The last discovery's JSON, or null if there was none. */
    String loadLastDiscovery() {
        try {
            return Files.exists(lastDiscovery()) ? Files.readString(lastDiscovery()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + lastDiscovery(), e);
        }
    }

    /** Writes a new private file beside the target and moves it in place, so no one ever reads half a file. */
    private void write(Path target, Content content) {
        try {
            boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
            Path temp = directory.resolve(target.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            if (posix) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(temp);
            }
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(Writer writer) throws IOException;
    }
}
