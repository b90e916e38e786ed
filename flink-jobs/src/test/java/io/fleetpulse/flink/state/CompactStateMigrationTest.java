package io.fleetpulse.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.flink.impute.VehicleState;
import io.fleetpulse.flink.impute.VehicleStateSerializer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint whose vehicle state was written by Flink's POJO serializer (every FleetPulse release
 * before the compact serializers) restores into the compact serializer on RocksDB: Flink migrates
 * the state and every field comes back.
 */
class CompactStateMigrationTest {

    @Test
    void pojoStateInACheckpointIsReadByTheCompactSerializer() throws Exception {
        VehicleState written = StateSerializerTest.filled(VehicleState.fresh());
        OperatorSubtaskState snapshot;
        try (var before = harness(new Keep(false, written))) {
            before.open();
            before.processElement(new StreamRecord<>("write", 1));
            snapshot = before.snapshot(1, 1);
        }
        Keep after = new Keep(true, null);
        try (var restored = harness(after)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(new StreamRecord<>("read", 2));
        }
        assertThat(Keep.lastRead).usingRecursiveComparison().isEqualTo(written);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(Keep fn)
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(fn), s -> "vehicle-1", Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        return h;
    }

    /** Writes a vehicle state (on "write") or reads it back (on "read"). */
    private static final class Keep extends KeyedProcessFunction<String, String, String> {
        static VehicleState lastRead;
        private final boolean compact;
        private final VehicleState toWrite;
        private transient ValueState<VehicleState> state;

        Keep(boolean compact, VehicleState toWrite) {
            this.compact = compact;
            this.toWrite = toWrite;
        }

        @Override
        public void open(OpenContext openContext) {
            state =
                    getRuntimeContext()
                            .getState(
                                    compact
                                            ? new ValueStateDescriptor<>(
                                                    "vehicle", VehicleStateSerializer.INSTANCE)
                                            : new ValueStateDescriptor<>(
                                                    "vehicle",
                                                    TypeInformation.of(VehicleState.class)));
        }

        @Override
        public void processElement(String cmd, Context ctx, Collector<String> out)
                throws Exception {
            if (cmd.equals("write")) {
                state.update(toWrite);
            } else {
                lastRead = state.value();
            }
        }
    }
}
