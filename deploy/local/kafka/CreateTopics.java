import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Local-stack helper for ./vtry (not part of the product): creates every topic
 * named in a file (one per line, '#' starts a comment) that does not exist yet,
 * in one JVM, or lists the topics with their partition counts.
 *
 * <pre>
 *   java -cp "tools:lib/kafka/*" CreateTopics 127.0.0.1:19092 deploy/local/topics.txt [partitions]
 *   java -cp "tools:lib/kafka/*" CreateTopics 127.0.0.1:19092 --list
 * </pre>
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CreateTopics BOOTSTRAP (TOPICS_FILE [PARTITIONS] | --list)");
            System.exit(2);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "vtry-create-topics");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);

        try (Admin admin = Admin.create(props)) {
            if (args[1].equals("--list")) {
                list(admin);
            } else {
                int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
                create(admin, readTopics(Path.of(args[1])), partitions);
            }
        }
    }

    private static Set<String> readTopics(Path file) throws Exception {
        Set<String> topics = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file)) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                topics.add(name);
            }
        }
        return topics;
    }

    private static void create(Admin admin, Set<String> wanted, int partitions) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (String name : wanted) {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, partitions, (short) 1));
            }
        }
        int created = 0;
        if (!missing.isEmpty()) {
            for (Map.Entry<String, KafkaFuture<Void>> e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get();
                    created++;
                } catch (ExecutionException ex) {
                    // Another process created it in between: that is fine.
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + e.getKey() + " failed", ex.getCause());
                    }
                }
            }
        }
        System.out.printf("topics: %d created, %d already present (%d partitions each when created)%n",
                created, wanted.size() - created, partitions);
    }

    private static void list(Admin admin) throws Exception {
        Set<String> names = admin.listTopics().names().get();
        Map<String, TopicDescription> described = new TreeMap<>(admin.describeTopics(names).allTopicNames().get());
        for (TopicDescription d : described.values()) {
            System.out.printf("%-28s partitions=%d replicas=%d%n", d.name(), d.partitions().size(),
                    d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size());
        }
    }
}
