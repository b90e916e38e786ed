package io.fleetpulse.flink.impute;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * A subtask's {@link TelemetryImputer} with its learned statistics kept as union operator state: on
 * restore, with any parallelism, every subtask merges the statistics of all former subtasks
 * (sufficient statistics add exactly). Shared by the operators that impute.
 */
public final class MiceStatistics {

    private static final int INITIAL_BUFFER = 64 * 1024;

    /** Engine running (as FeatureJob's idle feature reads it): RPM above this. */
    private static final double ENGINE_RUNNING_RPM = 300;

    private final TelemetryImputer imputer;
    private final ListState<byte[]> state;
    private final boolean imputationEnabled;
    private final double[] shifts = new double[TelemetryImputer.SENSOR_COUNT];
    private Counter imputedValues;
    private Counter coldStart;

    /**
     * Creates the imputer and restores (merges) its statistics if the context is restored.
     *
     * @param imputationEnabled false passes events through with missing sensors left missing
     */
    public MiceStatistics(
            MiceConfig config, boolean imputationEnabled, FunctionInitializationContext context)
            throws Exception {
        this.imputationEnabled = imputationEnabled;
        imputer = new TelemetryImputer(config);
        state =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "mice-statistics",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            boolean first = true;
            for (byte[] bytes : state.get()) {
                TelemetryImputer restored = first ? imputer : new TelemetryImputer(config);
                restored.mice().readState(new DataInputStream(new ByteArrayInputStream(bytes)));
                if (!first) {
                    imputer.mice().merge(restored.mice());
                }
                first = false;
            }
        }
    }

    public TelemetryImputer imputer() {
        return imputer;
    }

    /** Registers the imputation counters (call from the operator's open). */
    public void open(MetricGroup metrics) {
        imputedValues = metrics.counter(ImputeTelemetry.IMPUTED_METRIC);
        coldStart = metrics.counter(ImputeTelemetry.COLD_START_METRIC);
    }

    /**
     * Imputes one accepted event of the vehicle whose state is given (or passes it through when
     * imputation is off), counts what was imputed and notes when the vehicle was last seen.
     */
    public ImputedTelemetry impute(TelemetryEvent event, VehicleState vehicle, long now) {
        ImputedTelemetry imputed =
                imputationEnabled
                        ? imputer.impute(event, vehicle.memory, now)
                        : TelemetryImputer.passThrough(event, now);
        consistency(imputed, vehicle);
        imputedValues.inc(imputed.getImputedCount());
        coldStart.inc(imputed.getColdStartSensors().size());
        vehicle.lastSeen = Math.max(vehicle.lastSeen, event.getEventTime());
        return imputed;
    }

    /**
     * Each sensor's consistency shift in the event imputed last (by ordinal; {@link
     * ConsistencyBaseline#shiftAndLearn}): NaN where the sensor was not observed, the engine was
     * off (the regressions describe a running vehicle), imputation is off or the baseline is still
     * forming. Valid until the next {@link #impute}.
     */
    public double[] lastShifts() {
        return shifts;
    }

    private void consistency(ImputedTelemetry imputed, VehicleState vehicle) {
        Double rpm = imputed.getEngineRpm();
        if (!imputationEnabled || rpm == null || rpm <= ENGINE_RUNNING_RPM) {
            Arrays.fill(shifts, Double.NaN);
            return;
        }
        if (vehicle.consistency == null) { // state from before consistency baselines
            vehicle.consistency = ConsistencyBaseline.empty(TelemetryImputer.SENSOR_COUNT);
        }
        vehicle.consistency.shiftAndLearn(imputer.lastResiduals(), shifts);
    }

    /** Writes the current statistics into the operator state (call from snapshotState). */
    public void snapshot() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_BUFFER);
        imputer.mice().writeState(new DataOutputStream(bytes));
        state.update(List.of(bytes.toByteArray()));
    }
}
