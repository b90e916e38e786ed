package io.fleetpulse.flink.pipeline;

import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.features.PaneAccumulatorSerializer;
import io.fleetpulse.flink.impute.VehicleState;
import io.fleetpulse.flink.impute.VehicleStateSerializer;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The byte layout of {@link VehiclePipeline}'s raw keyed state: per key group, the vehicles that
 * changed since the previous checkpoint with their dedup-and-imputation state and open panes, in
 * the compact serializers' form. A vehicle reports several times a second, so between two frequent
 * checkpoints nearly every vehicle changes; writing them here, as one sequential stream in the
 * checkpoint's synchronous part, costs a fraction of putting them into RocksDB, flushing its
 * memtables and compacting the files that each checkpoint adds (profiled in the flink-jobs README).
 *
 * <p>Layout of one key group: magic, version, vehicle count, then per vehicle its id, whether it
 * has imputation state (and that state), its number of open panes (and each pane's start and
 * accumulator). The magic makes raw state that another operator wrote fail loudly instead of being
 * misread.
 */
final class HotVehicleSnapshot {

    static final int MAGIC = 0x464c5056; // "FLPV"
    static final int VERSION = 1;

    private HotVehicleSnapshot() {}

    /** Writes one key group's header; {@link #writeVehicle} follows {@code count} times. */
    static void writeHeader(DataOutputView out, int count) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(count);
    }

    /** Writes one vehicle's imputation state (may be null) and open panes. */
    static void writeVehicle(DataOutputView out, String vehicle, VehicleSlot slot)
            throws IOException {
        out.writeUTF(vehicle);
        out.writeBoolean(slot.state != null);
        if (slot.state != null) {
            VehicleStateSerializer.INSTANCE.serialize(slot.state, out);
        }
        out.writeInt(slot.open.size());
        for (Map.Entry<Long, PaneAccumulator> e : slot.open.entrySet()) {
            out.writeLong(e.getKey());
            PaneAccumulatorSerializer.INSTANCE.serialize(e.getValue(), out);
        }
    }

    /**
     * Reads one key group into {@code into}: each vehicle's slot with its state and open panes (its
     * closed panes are in keyed state and are loaded when the vehicle is next touched).
     *
     * @return how many vehicles it held
     */
    static int readKeyGroup(DataInputView in, int keyGroup, Map<String, VehicleSlot> into)
            throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(
                    "key group "
                            + keyGroup
                            + " holds raw keyed state that the per-vehicle operator did not write"
                            + " (magic 0x"
                            + Integer.toHexString(magic)
                            + "); was the checkpoint taken with heap timers on RocksDB?");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(
                    "key group " + keyGroup + ": unknown hot-state version " + version);
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String vehicle = in.readUTF();
            VehicleSlot slot = new VehicleSlot();
            VehicleState state =
                    in.readBoolean() ? VehicleStateSerializer.INSTANCE.deserialize(in) : null;
            slot.state = state;
            int panes = in.readInt();
            for (int p = 0; p < panes; p++) {
                long start = in.readLong();
                slot.open.put(start, PaneAccumulatorSerializer.INSTANCE.deserialize(in));
            }
            into.put(vehicle, slot);
        }
        return count;
    }
}
