package io.fleetpulse.serving;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** model-serving runs without Flink; this fails if a Flink class is loadable here. */
class NoFlinkOnClasspathTest {

    @Test
    void flinkIsNotOnTheClasspath() {
        for (String flinkClass :
                new String[] {
                    "org.apache.flink.api.common.functions.Function",
                    "org.apache.flink.connector.kafka.source.KafkaSource",
                    "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment"
                }) {
            assertThatThrownBy(() -> Class.forName(flinkClass))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }
}
