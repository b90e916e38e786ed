package io.fleetpulse.flink.impute;

import io.fleetpulse.flink.dedup.SequenceWindow;
import io.fleetpulse.flink.state.CompactSerializer;
import io.fleetpulse.flink.state.MigratingSnapshot;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed-state serializer of {@link VehicleState} (imputer memory, sequence window, consistency
 * baseline, last seen, clean-up time) in a fixed field order, written at every checkpoint for every
 * vehicle that reported since the last one. A field added to the state or its parts must be added
 * here too, in a new snapshot version; StateSerializerTest fails until it is.
 */
public final class VehicleStateSerializer extends CompactSerializer<VehicleState> {

    private static final long serialVersionUID = 1L;

    public static final VehicleStateSerializer INSTANCE = new VehicleStateSerializer();

    @Override
    protected VehicleState newInstance() {
        return new VehicleState();
    }

    @Override
    protected void write(VehicleState s, DataOutputView out) throws IOException {
        out.writeBoolean(s.memory != null);
        if (s.memory != null) {
            writeDoubles(s.memory.last, out);
            writeLongs(s.memory.lastTime, out);
        }
        out.writeBoolean(s.sequences != null);
        if (s.sequences != null) {
            out.writeLong(s.sequences.highest);
            writeLongs(s.sequences.seen, out);
        }
        out.writeBoolean(s.consistency != null);
        if (s.consistency != null) {
            writeDoubles(s.consistency.mean, out);
            writeDoubles(s.consistency.var, out);
            writeDoubles(s.consistency.n, out);
        }
        out.writeLong(s.lastSeen);
        out.writeLong(s.cleanupAt);
    }

    @Override
    protected VehicleState read(DataInputView in) throws IOException {
        VehicleState s = new VehicleState();
        if (in.readBoolean()) {
            s.memory = new VehicleMemory();
            s.memory.last = readDoubles(in);
            s.memory.lastTime = readLongs(in);
        }
        if (in.readBoolean()) {
            s.sequences = new SequenceWindow();
            s.sequences.highest = in.readLong();
            s.sequences.seen = readLongs(in);
        }
        if (in.readBoolean()) {
            s.consistency = new ConsistencyBaseline();
            s.consistency.mean = readDoubles(in);
            s.consistency.var = readDoubles(in);
            s.consistency.n = readDoubles(in);
        }
        s.lastSeen = in.readLong();
        s.cleanupAt = in.readLong();
        return s;
    }

    @Override
    public TypeSerializerSnapshot<VehicleState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1: memory, sequences, consistency, last seen, clean-up time. */
    public static final class Snapshot extends MigratingSnapshot<VehicleState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
