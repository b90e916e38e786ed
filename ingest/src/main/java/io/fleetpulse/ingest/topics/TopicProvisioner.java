package io.fleetpulse.ingest.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of a {@link Topics} registry through Kafka's Admin client, idempotently: a
 * missing topic is created, an existing one gets missing partitions added and drifted configs set
 * back, and a topic already as declared is left alone. Returns what it did, so callers can report
 * it.
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
            return new Outcome(
                    spec.name(), Action.CREATED, spec.partitions() + " partitions " + configs);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Created concurrently by another provisioner: check it like an existing one.
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
        }
        if (changes.isEmpty()) {
            return new Outcome(spec.name(), Action.UNCHANGED, "as declared");
        }
        return new Outcome(spec.name(), Action.UPDATED, String.join(", ", changes));
    }
}
