package io.fleetpulse.flink.features;

import static io.fleetpulse.flink.features.ImputedEvents.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.FeatureVector;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlidingFeaturesTest {

    private static final long PANE = 10_000;
    private KeyedOneInputStreamOperatorTestHarness<String, Pane, FeatureVector> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new SlidingFeatures(
                                        Duration.ofSeconds(60),
                                        Duration.ofSeconds(10),
                                        FeatureSchema.SLIDING_60S)),
                        p -> p.vehicleId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void pane(long start, int events) throws Exception {
        PaneAccumulator a = new PaneAccumulator();
        for (int i = 0; i < events; i++) {
            a.add(ImputedEvents.at(start + i * 200L, Map.of()));
        }
        harness.processElement(
                new StreamRecord<>(new Pane("V1", start, start + PANE, a), start + PANE - 1));
    }

    @Test
    void emitsAWindowPerPaneAndMoreOnWatermarksWhileTheVehicleIsQuiet() throws Exception {
        long start = BEGINNING - BEGINNING % PANE;
        pane(start, 50);
        pane(start + PANE, 50);
        assertThat(harness.extractOutputValues())
                .extracting(FeatureVector::getWindowEnd, FeatureVector::getEventCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(start + PANE, 50),
                        org.assertj.core.groups.Tuple.tuple(start + 2 * PANE, 100));
        harness.processWatermark(start + 6 * PANE);
        // Windows ending at +3..+6 panes still hold both panes; each fires on its watermark.
        assertThat(harness.extractOutputValues()).hasSize(6);
        assertThat(harness.extractOutputValues().get(5).getWindowStart()).isEqualTo(start);
        harness.processWatermark(start + 7 * PANE);
        FeatureVector last = harness.extractOutputValues().get(6);
        assertThat(last.getWindowEnd()).isEqualTo(start + 7 * PANE);
        assertThat(last.getEventCount()).isEqualTo(50); // only the second pane is still inside
        assertThat(last.getWindowKind()).isEqualTo(FeatureSchema.SLIDING_60S);
    }

    @Test
    void forgetsAQuietVehicleOnceNoWindowCanHoldItsPanes() throws Exception {
        long start = BEGINNING - BEGINNING % PANE;
        pane(start, 10);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(start + 6 * PANE);
        assertThat(harness.extractOutputValues()).hasSize(6);
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.processWatermark(start + 20 * PANE);
        assertThat(harness.extractOutputValues()).hasSize(6);
    }
}
