package io.fleetpulse.flink.features;

import io.fleetpulse.flink.state.CompactSerializer;
import io.fleetpulse.flink.state.MigratingSnapshot;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed-state serializer of {@link PaneAccumulator}: every field in a fixed order (the POJO
 * serializer's reflection and boxing cost more than the pane's own statistics at checkpoint time).
 * A field added to the accumulator must be added here too, in a new snapshot version;
 * StateSerializerTest fails until it is.
 */
public final class PaneAccumulatorSerializer extends CompactSerializer<PaneAccumulator> {

    private static final long serialVersionUID = 1L;

    public static final PaneAccumulatorSerializer INSTANCE = new PaneAccumulatorSerializer();

    @Override
    protected PaneAccumulator newInstance() {
        return new PaneAccumulator();
    }

    @Override
    protected void write(PaneAccumulator p, DataOutputView out) throws IOException {
        out.writeInt(p.count);
        out.writeInt(p.values);
        out.writeInt(p.imputedValues);
        writeString(p.driverId, out);
        out.writeLong(p.firstTime);
        out.writeLong(p.lastTime);
        writeDoubles(p.sum, out);
        writeDoubles(p.sumSq, out);
        writeDoubles(p.min, out);
        writeDoubles(p.max, out);
        out.writeDouble(p.integratedKm);
        out.writeDouble(p.odometerFirst);
        out.writeDouble(p.odometerLast);
        out.writeDouble(p.fuelUsedL);
        out.writeInt(p.harshBrakes);
        out.writeInt(p.harshAccels);
        out.writeDouble(p.overSpeedSeconds);
        out.writeDouble(p.overLimitSeconds);
        out.writeDouble(p.limitRatioMax);
        writeDoubles(p.shiftSum, out);
        writeInts(p.shiftCount, out);
        out.writeDouble(p.idleSeconds);
        out.writeDouble(p.observedSeconds);
        out.writeDouble(p.jerkSum);
        out.writeInt(p.jerkCount);
        out.writeDouble(p.jerkMax);
        out.writeDouble(p.fuelDropPct);
        out.writeDouble(p.padFirst);
        out.writeDouble(p.padLast);
        out.writeDouble(p.brakeEnergy);
        out.writeDouble(p.gpsJumpKm);
        out.writeLong(p.trendOrigin);
        out.writeDouble(p.trendN);
        out.writeDouble(p.trendT);
        out.writeDouble(p.trendTT);
        out.writeDouble(p.trendY);
        out.writeDouble(p.trendTY);
        writeDoubles(p.runValue, out);
        writeLongs(p.runStart, out);
        writeLongs(p.runEnd, out);
        writeDoubles(p.firstRunValue, out);
        writeDoubles(p.firstRunSeconds, out);
        writeBooleans(p.firstRunOpen, out);
        writeDoubles(p.runMaxSeconds, out);
        out.writeDouble(p.maxStuckSeconds);
        out.writeDouble(p.kmSinceFix);
        out.writeDouble(p.prevSpeed);
        out.writeDouble(p.prevAccel);
        out.writeDouble(p.prevFuelRate);
        out.writeDouble(p.prevFuelLevel);
        out.writeDouble(p.prevBrake);
        out.writeDouble(p.prevLat);
        out.writeDouble(p.prevLon);
        out.writeDouble(p.prevRpm);
        out.writeDouble(p.prevLimit);
    }

    @Override
    protected PaneAccumulator read(DataInputView in) throws IOException {
        PaneAccumulator p = new PaneAccumulator();
        p.count = in.readInt();
        p.values = in.readInt();
        p.imputedValues = in.readInt();
        p.driverId = readString(in);
        p.firstTime = in.readLong();
        p.lastTime = in.readLong();
        p.sum = readDoubles(in);
        p.sumSq = readDoubles(in);
        p.min = readDoubles(in);
        p.max = readDoubles(in);
        p.integratedKm = in.readDouble();
        p.odometerFirst = in.readDouble();
        p.odometerLast = in.readDouble();
        p.fuelUsedL = in.readDouble();
        p.harshBrakes = in.readInt();
        p.harshAccels = in.readInt();
        p.overSpeedSeconds = in.readDouble();
        p.overLimitSeconds = in.readDouble();
        p.limitRatioMax = in.readDouble();
        p.shiftSum = readDoubles(in);
        p.shiftCount = readInts(in);
        p.idleSeconds = in.readDouble();
        p.observedSeconds = in.readDouble();
        p.jerkSum = in.readDouble();
        p.jerkCount = in.readInt();
        p.jerkMax = in.readDouble();
        p.fuelDropPct = in.readDouble();
        p.padFirst = in.readDouble();
        p.padLast = in.readDouble();
        p.brakeEnergy = in.readDouble();
        p.gpsJumpKm = in.readDouble();
        p.trendOrigin = in.readLong();
        p.trendN = in.readDouble();
        p.trendT = in.readDouble();
        p.trendTT = in.readDouble();
        p.trendY = in.readDouble();
        p.trendTY = in.readDouble();
        p.runValue = readDoubles(in);
        p.runStart = readLongs(in);
        p.runEnd = readLongs(in);
        p.firstRunValue = readDoubles(in);
        p.firstRunSeconds = readDoubles(in);
        p.firstRunOpen = readBooleans(in);
        p.runMaxSeconds = readDoubles(in);
        p.maxStuckSeconds = in.readDouble();
        p.kmSinceFix = in.readDouble();
        p.prevSpeed = in.readDouble();
        p.prevAccel = in.readDouble();
        p.prevFuelRate = in.readDouble();
        p.prevFuelLevel = in.readDouble();
        p.prevBrake = in.readDouble();
        p.prevLat = in.readDouble();
        p.prevLon = in.readDouble();
        p.prevRpm = in.readDouble();
        p.prevLimit = in.readDouble();
        return p;
    }

    @Override
    public TypeSerializerSnapshot<PaneAccumulator> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1: the fields as of FeatureVector v3. */
    public static final class Snapshot extends MigratingSnapshot<PaneAccumulator> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
