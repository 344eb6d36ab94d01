import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Operator's tool for the dead-letter topics (./vtry dlq; works against any cluster): what waits in
 * each {@code <topic>.dlq}, and sends it back to {@code <topic>} once the cause is fixed. Records are
 * replayed unchanged (key, value, headers but the dead-letter ones); every consumer is idempotent
 * by event id, so a record replayed twice does no harm. What has been replayed is remembered as the
 * offsets of the consumer group {@value #GROUP}, so the next replay sends only what came later.
 *
 * <pre>
 *   java -cp "tools:lib/kafka/*" DeadLetters 127.0.0.1:19092 list
 *   java -cp "tools:lib/kafka/*" DeadLetters 127.0.0.1:19092 replay job-status
 * </pre>
 */
public class DeadLetters {

    static final String GROUP = "vtry-dlq-replay";
    /** Requests whose jobs job-service already failed: replaying them would only pay a provider again. */
    static final Set<String> REQUEST_TOPICS = Set.of("compose-requests", "generation-requests", "edit-requests",
            "extract-requests");

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[1].equals("list") || args[1].equals("replay") && args.length == 3)) {
            System.err.println("usage: DeadLetters BOOTSTRAP (list | replay TOPIC)");
            System.exit(2);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(args[0])) {
            if (args[1].equals("list")) {
                list(consumer);
            } else {
                System.exit(replay(consumer, args[0], args[2].replaceFirst("\\.dlq$", "")));
            }
        }
    }

    private static void list(KafkaConsumer<byte[], byte[]> consumer) {
        Set<String> topics = new TreeSet<>();
        consumer.listTopics(Duration.ofSeconds(30)).keySet().stream().filter(t -> t.endsWith(".dlq")).forEach(topics::add);
        if (topics.isEmpty()) {
            System.out.println("no dead-letter topics");
        }
        for (String dlq : topics) {
            List<ConsumerRecord<byte[], byte[]>> waiting = waiting(consumer, dlq);
            waiting.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
            System.out.printf("%-28s %d waiting%s%n", dlq, waiting.size(),
                    REQUEST_TOPICS.contains(dlq.replaceFirst("\\.dlq$", "")) ? " (their jobs were failed; not replayable)" : "");
            for (ConsumerRecord<byte[], byte[]> r : waiting.subList(Math.max(0, waiting.size() - 5), waiting.size())) {
                System.out.printf("    %s  key=%s  %s%n", Instant.ofEpochMilli(r.timestamp()), text(r.key()),
                        header(r, "dead-letter-reason"));
            }
        }
    }

    private static int replay(KafkaConsumer<byte[], byte[]> consumer, String bootstrap, String topic) {
        if (REQUEST_TOPICS.contains(topic)) {
            System.err.println(topic + ".dlq holds requests whose jobs job-service failed when they arrived there; "
                    + "replaying them would run (and pay for) work nobody waits for. Ask the client to submit again.");
            return 1;
        }
        String dlq = topic + ".dlq";
        if (!consumer.listTopics(Duration.ofSeconds(30)).containsKey(dlq)) {
            System.err.println("no topic " + dlq);
            return 1;
        }
        List<ConsumerRecord<byte[], byte[]>> waiting = waiting(consumer, dlq);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (ConsumerRecord<byte[], byte[]> r : waiting) {
                ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(topic, r.key(), r.value());
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        again.headers().add(h);
                    }
                }
                producer.send(again);
                done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            producer.flush();
        }
        consumer.commitSync(done);
        System.out.printf("%d record(s) of %s sent back to %s%n", waiting.size(), dlq, topic);
        return 0;
    }

    /** The records of {@code dlq} not replayed yet: from the group's offsets (or the start) to the current end. */
    private static List<ConsumerRecord<byte[], byte[]>> waiting(KafkaConsumer<byte[], byte[]> consumer, String dlq) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(dlq, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(dlq, p.partition()));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        for (TopicPartition p : partitions) {
            OffsetAndMetadata from = committed.get(p);
            if (from == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, from.offset());
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        consumer.assign(List.of());
        return records;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : text(h.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
