package io.fleetpulse.ingest.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics of a {@link Topics} registry through Kafka's Admin client, idempotently: a
 * missing topic is created, an existing one gets missing partitions added and drifted configs set
 * back, and a topic already as declared is left alone. Returns what it did, so callers can report
 * it.
 *
 * <p>With KRaft the controller accepts a change before the brokers' metadata shows it, so after
 * every change this waits until the broker reports it: callers (and a second run) see the topics as
 * declared as soon as {@link #provision} returns.
 */
public final class TopicProvisioner {

    /** What provisioning did to one topic. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** Result for one topic. */
    public record Outcome(String topic, Action action, String detail) {}

    /** Longest wait for a broker's metadata to show a change the controller accepted. */
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private static final long METADATA_POLL_MS = 50;

    private final Admin admin;
    private final short replicationFactor;
    private final Map<String, String> overrides;

    /**
     * @param admin an open Admin client (not closed by this class)
     * @param replicationFactor replication factor for new topics (1 on the local stack)
     * @param overrides topic configs applied on top of the registry's to every non-compacted topic
     *     (e.g. {@code retention.bytes} to bound disk on a laptop)
     */
    public TopicProvisioner(Admin admin, short replicationFactor, Map<String, String> overrides) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.overrides = Map.copyOf(overrides);
    }

    /** Brings every topic of {@code topics} to its declared state. */
    public List<Outcome> provision(Collection<TopicSpec<?, ?>> topics)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<Outcome> outcomes = new ArrayList<>();
        for (TopicSpec<?, ?> spec : topics) {
            Map<String, String> wanted = wantedConfigs(spec);
            if (!existing.contains(spec.name())) {
                outcomes.add(create(spec, wanted));
            } else {
                outcomes.add(reconcile(spec, wanted));
            }
        }
        return outcomes;
    }

    private Map<String, String> wantedConfigs(TopicSpec<?, ?> spec) {
        Map<String, String> wanted = new HashMap<>(spec.configs());
        if (!spec.compacted()) {
            wanted.putAll(overrides);
        }
        return wanted;
    }

    private Outcome create(TopicSpec<?, ?> spec, Map<String, String> configs)
            throws ExecutionException, InterruptedException {
        NewTopic topic =
                new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(configs);
        try {
            admin.createTopics(List.of(topic)).all().get();
            awaitPartitions(spec.name(), spec.partitions());
            return new Outcome(
                    spec.name(), Action.CREATED, spec.partitions() + " partitions " + configs);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Created concurrently by another provisioner: check it like an existing one.
                awaitPartitions(spec.name(), 1);
                return reconcile(spec, configs);
            }
            throw e;
        }
    }

    private Outcome reconcile(TopicSpec<?, ?> spec, Map<String, String> wanted)
            throws ExecutionException, InterruptedException {
        List<String> changes = new ArrayList<>();
        TopicDescription description =
                admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name());
        int have = description.partitions().size();
        if (have < spec.partitions()) {
            admin.createPartitions(Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions())))
                    .all()
                    .get();
            awaitPartitions(spec.name(), spec.partitions());
            changes.add("partitions " + have + " -> " + spec.partitions());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Config current = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        List<AlterConfigOp> ops = new ArrayList<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            ConfigEntry entry = current.get(e.getKey());
            if (entry == null || !e.getValue().equals(entry.value())) {
                ops.add(
                        new AlterConfigOp(
                                new ConfigEntry(e.getKey(), e.getValue()),
                                AlterConfigOp.OpType.SET));
                changes.add(e.getKey() + "=" + e.getValue());
            }
        }
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
            awaitConfigs(resource, wanted);
        }
        if (changes.isEmpty()) {
            return new Outcome(spec.name(), Action.UNCHANGED, "as declared");
        }
        return new Outcome(spec.name(), Action.UPDATED, String.join(", ", changes));
    }

    private void awaitPartitions(String topic, int partitions)
            throws ExecutionException, InterruptedException {
        await(
                "topic " + topic + " with " + partitions + " partitions",
                () -> {
                    try {
                        TopicDescription d =
                                admin.describeTopics(List.of(topic))
                                        .allTopicNames()
                                        .get()
                                        .get(topic);
                        return d.partitions().size() >= partitions;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    private void awaitConfigs(ConfigResource resource, Map<String, String> wanted)
            throws ExecutionException, InterruptedException {
        await(
                "configs " + wanted + " on " + resource.name(),
                () -> {
                    Config c = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                    for (Map.Entry<String, String> e : wanted.entrySet()) {
                        ConfigEntry entry = c.get(e.getKey());
                        if (entry == null || !e.getValue().equals(entry.value())) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private interface MetadataCheck {
        boolean done() throws ExecutionException, InterruptedException;
    }

    private static void await(String what, MetadataCheck check)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new ExecutionException(
                        new TimeoutException(
                                "the broker did not show " + what + " within " + METADATA_WAIT));
            }
            Thread.sleep(METADATA_POLL_MS);
        }
    }
}
