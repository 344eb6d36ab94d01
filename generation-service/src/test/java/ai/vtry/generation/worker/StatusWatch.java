package ai.vtry.generation.worker;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.Topics;

/**
 * Every report on job-status from the moment it is created, collected per job in the background:
 * what job-service would see of the workers under test.
 */
final class StatusWatch implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<String>> statuses = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    StatusWatch(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "status-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_STATUS).stream()
                .map(p -> new TopicPartition(Topics.JOB_STATUS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any job is sent
        reader = Thread.ofPlatform().daemon().name("status-watch").start(this::read);
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                try {
                    String status = json.readTree(record.value()).path("status").asText();
                    statuses.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(status);
                } catch (Exception e) {
                    statuses.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add("UNREADABLE");
                }
            }
        }
        consumer.close();
    }

    /** The statuses reported for {@code jobId}, in order. */
    List<String> of(String jobId) {
        return List.copyOf(statuses.getOrDefault(jobId, List.of()));
    }

    long count(String jobId, String status) {
        return of(jobId).stream().filter(status::equals).count();
    }

    /** How many of {@code jobIds} have a COMPLETED or FAILED report. */
    long finished(Collection<String> jobIds) {
        return jobIds.stream().filter(id -> count(id, "COMPLETED") + count(id, "FAILED") > 0).count();
    }

    /** Waits until every job of {@code jobIds} has finished; false when {@code timeout} passed first. */
    boolean awaitFinished(Collection<String> jobIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finished(jobIds) < jobIds.size()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
    }
}
