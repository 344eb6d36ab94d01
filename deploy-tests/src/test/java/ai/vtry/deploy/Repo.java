package ai.vtry.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the checks compare the manifests with: the services as the code defines them. */
final class Repo {

    static final List<String> SERVICES =
            List.of("api-gateway", "person-service", "clothes-service", "job-service", "generation-service",
                    "webhook-service");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PROJECT_VERSION =
            Pattern.compile("<artifactId>vtry-parent</artifactId>\\s*<version>([^<]+)</version>");

    private Repo() {
    }

    /** The checkout: surefire passes it; from an IDE the working directory is the module. */
    static Path root() {
        String configured = System.getProperty("vtry.repo.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException("not the Vtry checkout: " + root);
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path applicationProperties(String service) {
        return path(service + "/src/main/resources/application.properties");
    }

    /** Every environment variable the service's configuration reads: each ${VAR} or ${VAR:default}. */
    static Set<String> envVarsRead(String service) {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_REFERENCE.matcher(read(applicationProperties(service)));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The variables referenced as ${VAR} without a default: the service cannot start without them. */
    static Set<String> envVarsWithoutDefault(String service) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(read(applicationProperties(service)));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Properties properties(String service) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(applicationProperties(service))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** quarkus.http.port of the prod profile (the one a container runs). */
    static int httpPort(String service) {
        Properties p = properties(service);
        String port = p.getProperty("%prod.quarkus.http.port", p.getProperty("quarkus.http.port"));
        if (port == null) {
            throw new IllegalStateException(service + " sets no quarkus.http.port");
        }
        return Integer.parseInt(port.trim());
    }

    /** Topics named in any service's configuration (topic=, topics=, dead-letter-queue.topic=). */
    static Set<String> topicsConfigured() {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            Properties p = properties(service);
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.") && (key.endsWith(".topic") || key.endsWith(".topics"))) {
                    for (String t : p.getProperty(key).split(",")) {
                        if (!t.isBlank()) {
                            topics.add(t.trim());
                        }
                    }
                }
            }
        }
        return topics;
    }

    /** The Kafka topics and consumer groups a service uses, from its channels (see {@link #kafkaUse}). */
    record KafkaUse(Set<String> reads, Set<String> groups, Set<String> writes) {
    }

    /**
     * What the service's SmallRye Kafka channels use (prod profile): an incoming channel reads its
     * topic or topics (the channel's name without either) in its group.id, and writes its
     * dead-letter-queue.topic (default dead-letter-topic-CHANNEL) when it dead-letters; an outgoing
     * channel writes its topic. Topics a channel sends to through record metadata (an outbox relay
     * sending to several topics) are not in the configuration.
     */
    static KafkaUse kafkaUse(String service) {
        Properties p = properties(service);
        Map<String, String> config = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.")) {
                config.putIfAbsent(key, p.getProperty(key).trim());
            } else if (key.startsWith("%prod.mp.messaging.")) {
                config.put(key.substring("%prod.".length()), p.getProperty(key).trim());
            }
        }
        Set<String> reads = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        Pattern connector = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");
        for (var e : config.entrySet()) {
            Matcher m = connector.matcher(e.getKey());
            if (!m.matches() || !e.getValue().equals("smallrye-kafka")) {
                continue;
            }
            String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
            String topics = config.getOrDefault(prefix + "topics", config.getOrDefault(prefix + "topic", m.group(2)));
            List<String> names = Arrays.stream(topics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (m.group(1).equals("outgoing")) {
                writes.addAll(names);
                continue;
            }
            reads.addAll(names);
            groups.add(config.getOrDefault(prefix + "group.id", "(no group.id on channel " + m.group(2) + ")"));
            if ("dead-letter-queue".equals(config.get(prefix + "failure-strategy"))) {
                writes.add(config.getOrDefault(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + m.group(2)));
            }
        }
        return new KafkaUse(reads, groups, writes);
    }

    /** deploy/local/topics.txt: the list every environment creates. */
    static Set<String> topicsTxt() {
        Set<String> topics = new LinkedHashSet<>();
        for (String line : read(path("deploy/local/topics.txt")).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                topics.add(t);
            }
        }
        return topics;
    }

    /** The Maven project version: the tag Quarkus gives the images by default. */
    static String projectVersion() {
        Matcher m = PROJECT_VERSION.matcher(read(path("api-gateway/pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no vtry-parent version in api-gateway/pom.xml");
        }
        return m.group(1).trim();
    }
}
