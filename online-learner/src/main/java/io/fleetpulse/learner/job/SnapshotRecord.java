package io.fleetpulse.learner.job;

import io.fleetpulse.learner.servable.ModelSnapshot;

/**
 * A model snapshot in flight between operators and on the models topic: its name (the Kafka key),
 * its version, and its bytes ({@link ModelSnapshot#toBytes()}). A Flink POJO.
 */
public class SnapshotRecord {

    public String modelName;
    public long version;
    public byte[] bytes;

    public SnapshotRecord() {}

    public SnapshotRecord(String modelName, long version, byte[] bytes) {
        this.modelName = modelName;
        this.version = version;
        this.bytes = bytes;
    }

    public static SnapshotRecord of(ModelSnapshot s) {
        return new SnapshotRecord(s.modelName(), s.version(), s.toBytes());
    }

    public ModelSnapshot snapshot() {
        return ModelSnapshot.fromBytes(bytes);
    }

    @Override
    public String toString() {
        return modelName + " v" + version + " (" + (bytes == null ? 0 : bytes.length) + " bytes)";
    }
}
