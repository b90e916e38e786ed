package io.fleetpulse.ingest.topics;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.TelemetryEvent;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The registry's invariants: unique names, prefixes everywhere, declared retention, serdes. */
class TopicsTest {

    @Test
    void namesAreUniqueAndUnprefixedByDefault() {
        List<String> names = Topics.DEFAULT.all().stream().map(TopicSpec::name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.startsWith("fleet."));
        assertThat(Topics.DEFAULT.prefix()).isEmpty();
    }

    @Test
    void prefixAppliesToEveryTopic() {
        Topics t = Topics.withPrefix("it-42.");
        assertThat(t.all())
                .hasSameSizeAs(Topics.DEFAULT.all())
                .allMatch(spec -> spec.name().startsWith("it-42.fleet."));
        assertThat(t.raw().name()).isEqualTo("it-42." + Topics.DEFAULT.raw().name());
    }

    @Test
    void everyTopicIsEitherRetainedForATimeOrCompacted() {
        for (TopicSpec<?, ?> spec : Topics.DEFAULT.all()) {
            assertThat(spec.compacted() || spec.configs().containsKey("retention.ms"))
                    .as(spec.name())
                    .isTrue();
            assertThat(spec.partitions()).as(spec.name()).isPositive();
            assertThat(spec.description()).as(spec.name()).isNotBlank();
        }
        assertThat(Topics.DEFAULT.models().compacted()).isTrue();
        assertThat(Topics.DEFAULT.raw().compacted()).isFalse();
    }

    @Test
    void rawTopicSerdeRoundTripsEvents() {
        TopicSpec<String, TelemetryEvent> raw = Topics.DEFAULT.raw();
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        byte[] bytes = raw.valueSerde().serializer().serialize(raw.name(), e);
        assertThat(raw.valueSerde().deserializer().deserialize(raw.name(), bytes)).isEqualTo(e);
    }

    @Test
    void specRejectsZeroPartitionsAndCopiesConfigs() {
        assertThatThrownBy(
                        () ->
                                new TopicSpec<>(
                                        "x", 0, Map.of(), Serdes.String(), Serdes.String(), "d"))
                .isInstanceOf(IllegalArgumentException.class);
        java.util.HashMap<String, String> configs = new java.util.HashMap<>(Map.of("a", "b"));
        TopicSpec<String, String> spec =
                new TopicSpec<>("x", 1, configs, Serdes.String(), Serdes.String(), "d");
        configs.put("c", "d");
        assertThat(spec.configs()).containsOnlyKeys("a");
    }
}
