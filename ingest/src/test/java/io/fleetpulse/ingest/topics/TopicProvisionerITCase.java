package io.fleetpulse.ingest.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.TopicProvisioner.Action;
import io.fleetpulse.ingest.topics.TopicProvisioner.Outcome;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotent provisioning against a real broker: a first run creates everything as declared, a
 * second changes nothing, and drift (a config changed by hand, a topic with too few partitions) is
 * repaired and reported as UPDATED.
 */
class TopicProvisionerITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final short REPLICATION = 1;

    private Topics topics;
    private Admin admin;
    private TopicProvisioner provisioner;

    @BeforeEach
    void freshPrefix() {
        topics = Topics.withPrefix("prov-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        admin = KAFKA.admin();
        provisioner = new TopicProvisioner(admin, REPLICATION, Map.of());
    }

    @Test
    void firstRunCreatesAsDeclaredSecondRunChangesNothing() throws Exception {
        List<Outcome> first = provisioner.provision(topics.all());
        List<Outcome> second = provisioner.provision(topics.all());

        assertThat(first).extracting(Outcome::action).containsOnly(Action.CREATED);
        assertThat(first)
                .extracting(Outcome::topic)
                .containsExactlyElementsOf(topics.all().stream().map(TopicSpec::name).toList());
        assertThat(second).extracting(Outcome::action).containsOnly(Action.UNCHANGED);
        for (TopicSpec<?, ?> spec : topics.all()) {
            assertThat(partitions(spec.name())).as(spec.name()).isEqualTo(spec.partitions());
            Config config = config(spec.name());
            spec.configs()
                    .forEach(
                            (key, value) ->
                                    assertThat(config.get(key).value())
                                            .as(spec.name() + " " + key)
                                            .isEqualTo(value));
        }
    }

    @Test
    void driftedConfigIsSetBackAndReported() throws Exception {
        provisioner.provision(topics.all());
        String raw = topics.raw().name();
        String declared = topics.raw().configs().get("retention.ms");
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, raw);
        admin.incrementalAlterConfigs(
                        Map.of(
                                resource,
                                List.of(
                                        new AlterConfigOp(
                                                new ConfigEntry("retention.ms", "60000"),
                                                AlterConfigOp.OpType.SET))))
                .all()
                .get();
        awaitRetention(raw, "60000"); // the broker shows controller changes asynchronously

        List<Outcome> outcomes = provisioner.provision(topics.all());

        assertThat(outcome(outcomes, raw).action()).isEqualTo(Action.UPDATED);
        assertThat(outcome(outcomes, raw).detail()).contains("retention.ms");
        assertThat(outcomes)
                .filteredOn(o -> !o.topic().equals(raw))
                .extracting(Outcome::action)
                .containsOnly(Action.UNCHANGED);
        assertThat(config(raw).get("retention.ms").value()).isEqualTo(declared);
    }

    @Test
    void topicWithTooFewPartitionsGetsMore() throws Exception {
        TopicSpec<?, ?> dlq = topics.deadLetters();
        assertThat(dlq.partitions()).isGreaterThan(1);
        admin.createTopics(List.of(new NewTopic(dlq.name(), 1, REPLICATION).configs(dlq.configs())))
                .all()
                .get();

        List<Outcome> outcomes = provisioner.provision(topics.all());

        assertThat(outcome(outcomes, dlq.name()).action()).isEqualTo(Action.UPDATED);
        assertThat(outcome(outcomes, dlq.name()).detail())
                .contains("partitions 1 -> " + dlq.partitions());
        assertThat(partitions(dlq.name())).isEqualTo(dlq.partitions());
        assertThat(provisioner.provision(topics.all()))
                .extracting(Outcome::action)
                .containsOnly(Action.UNCHANGED);
    }

    @Test
    void overridesApplyToRetainedTopicsButNotCompactedOnes() throws Exception {
        Map<String, String> bounded = Map.of("retention.bytes", Long.toString(1L << 30));
        new TopicProvisioner(admin, REPLICATION, bounded).provision(topics.all());

        assertThat(config(topics.raw().name()).get("retention.bytes").value())
                .isEqualTo("1073741824");
        assertThat(config(topics.models().name()).get("retention.bytes").value()).isEqualTo("-1");
        assertThat(provisioner.provision(topics.all()))
                .as("without the override the extra config is left alone")
                .extracting(Outcome::action)
                .containsOnly(Action.UNCHANGED);
    }

    private void awaitRetention(String topic, String value) throws Exception {
        while (!value.equals(config(topic).get("retention.ms").value())) {
            Thread.sleep(20);
        }
    }

    private int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
    }

    private Config config(String topic) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(r)).all().get().get(r);
    }

    private static Outcome outcome(List<Outcome> outcomes, String topic) {
        return outcomes.stream().filter(o -> o.topic().equals(topic)).findFirst().orElseThrow();
    }
}
