package io.fleetpulse.learner.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.detect.Finding;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.detect.Severity;
import io.fleetpulse.learner.servable.Contribution;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The alerting step under Flink's keyed harness: state kept per vehicle, idle clearing. */
class AlertFunctionTest {

    private static final long T0 = 1_767_225_600_000L;

    private static ScoredWindow window(String vehicle, long endSeconds, Finding... findings) {
        ScoredWindow w = new ScoredWindow();
        w.vehicleId = vehicle;
        w.driverId = "D";
        w.windowKind = "TUMBLING_10S";
        w.windowEnd = T0 + endSeconds * 1000;
        w.windowStart = w.windowEnd - 10_000;
        w.findings = findings;
        return w;
    }

    private static Finding model() {
        return new Finding(
                "MODEL_ANOMALY",
                Finding.MODEL,
                Severity.CRITICAL,
                40,
                3,
                "anomaly-ae",
                15,
                List.of(new Contribution("engineRpmMean", 5_800, 1_900, 0.5)));
    }

    @Test
    void confirmedModelFindingsAlertOnceAndQuietVehiclesClear() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<String, ScoredWindow, Alert>(
                        new KeyedProcessOperator<>(new AlertFunction(AlertSettings.DEFAULTS)),
                        w -> w.vehicleId,
                        Types.STRING);
        harness.open();
        harness.setProcessingTime(0);
        harness.processElement(window("V1", 10, model()), 0);
        harness.processElement(window("V2", 10), 0);
        assertThat(harness.extractOutputValues()).isEmpty(); // not yet confirmed

        var snapshot = harness.snapshot(1, 1); // the pending finding survives a restore
        harness.close();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new AlertFunction(AlertSettings.DEFAULTS)),
                        w -> w.vehicleId,
                        Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(1_000);
        harness.processElement(window("V1", 20, model()), 0);
        harness.processElement(window("V1", 30, model()), 0);

        List<Alert> out = harness.extractOutputValues();
        assertThat(out)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo("OPEN");
                            assertThat(a.getStartTime()).isEqualTo(T0);
                            assertThat(a.getModelVersion()).isEqualTo(15);
                        });

        harness.setProcessingTime(1_000 + AlertSettings.DEFAULTS.idleClearMs());
        assertThat(harness.extractOutputValues())
                .hasSize(2)
                .last()
                .satisfies(a -> assertThat(a.getStatus()).isEqualTo("CLEARED"));
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.close();
    }
}
