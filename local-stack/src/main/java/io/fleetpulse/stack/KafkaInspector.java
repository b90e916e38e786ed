package io.fleetpulse.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Read-only questions to the broker for {@code fleet status} and the demo's console line: topics
 * with partition counts and end offsets, and the lag of consumer groups. One Admin client, short
 * timeouts, so a slow or absent broker makes a status line say so instead of hanging.
 */
public final class KafkaInspector implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A topic's size: partitions and the sum of their end offsets. */
    public record TopicInfo(String name, int partitions, long endOffsets) {}

    /** A consumer group's total lag over the partitions it has committed offsets for. */
    public record GroupLag(String group, long lag, int partitions) {}

    private final Admin admin;

    public KafkaInspector(String bootstrap) {
        admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                (int) TIMEOUT.toMillis(),
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                (int) TIMEOUT.toMillis(),
                                AdminClientConfig.CLIENT_ID_CONFIG,
                                "fleet-inspector"));
    }

    public Admin admin() {
        return admin;
    }

    /** Whether the broker answers a metadata request. */
    public boolean reachable() {
        try {
            return !get(admin.describeCluster().nodes()).isEmpty();
        } catch (KafkaQueryException e) {
            return false;
        }
    }

    /** The named topics that exist, with partitions and end offsets, sorted by name. */
    public List<TopicInfo> topics(Collection<String> names) {
        List<String> existing =
                get(admin.listTopics().names()).stream().filter(names::contains).sorted().toList();
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described =
                get(admin.describeTopics(existing).allTopicNames());
        Map<TopicPartition, Long> ends = endOffsets(described.values());
        List<TopicInfo> out = new ArrayList<>();
        for (String name : existing) {
            long sum =
                    ends.entrySet().stream()
                            .filter(e -> e.getKey().topic().equals(name))
                            .mapToLong(Map.Entry::getValue)
                            .sum();
            out.add(new TopicInfo(name, described.get(name).partitions().size(), sum));
        }
        return out;
    }

    /** Sum of end offsets of one topic, or -1 if it does not exist. */
    public long endOffsets(String topic) {
        return topics(List.of(topic)).stream()
                .mapToLong(TopicInfo::endOffsets)
                .findFirst()
                .orElse(-1);
    }

    /**
     * Sum of the last stable offsets of one topic's partitions: how far a {@code read_committed}
     * consumer can read (records of committed transactions, and one commit marker per partition and
     * transaction); 0 if it does not exist.
     */
    public long committedEndOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        topics(List.of(topic))
                .forEach(
                        t -> {
                            for (int p = 0; p < t.partitions(); p++) {
                                wanted.put(new TopicPartition(topic, p), OffsetSpec.latest());
                            }
                        });
        if (wanted.isEmpty()) {
            return 0;
        }
        ListOffsetsOptions committed = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        return get(admin.listOffsets(wanted, committed).all()).values().stream()
                .mapToLong(ListOffsetsResultInfo::offset)
                .sum();
    }

    /** Lag of every consumer group (end offset minus committed offset, summed), by group name. */
    public List<GroupLag> groupLags() {
        Collection<ConsumerGroupListing> groups = get(admin.listConsumerGroups().all());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
        for (ConsumerGroupListing g : groups) {
            committed.put(
                    g.groupId(),
                    get(
                            admin.listConsumerGroupOffsets(g.groupId())
                                    .partitionsToOffsetAndMetadata()));
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        committed
                .values()
                .forEach(m -> m.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                wanted.isEmpty() ? Map.of() : get(admin.listOffsets(wanted).all());
        List<GroupLag> out = new ArrayList<>();
        committed.forEach(
                (group, offsets) -> {
                    long lag = 0;
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                        ListOffsetsResultInfo end = ends.get(e.getKey());
                        if (end != null && e.getValue() != null) {
                            lag += Math.max(0, end.offset() - e.getValue().offset());
                        }
                    }
                    out.add(new GroupLag(group, lag, offsets.size()));
                });
        return out;
    }

    private Map<TopicPartition, Long> endOffsets(Collection<TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        for (TopicDescription t : topics) {
            t.partitions()
                    .forEach(
                            p ->
                                    wanted.put(
                                            new TopicPartition(t.name(), p.partition()),
                                            OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        get(admin.listOffsets(wanted).all()).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaQueryException("Kafka did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaQueryException("interrupted", e);
        }
    }

    /** A question to the broker that failed or timed out. */
    public static final class KafkaQueryException extends RuntimeException {
        KafkaQueryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
