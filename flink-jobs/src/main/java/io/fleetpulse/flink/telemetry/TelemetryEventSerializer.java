package io.fleetpulse.flink.telemetry;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.state.CompactSerializer;
import io.fleetpulse.flink.state.CompactTypeInfo;
import io.fleetpulse.flink.state.MigratingSnapshot;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Carries validated {@link TelemetryEvent}s from the source's subtasks to the per-vehicle operator
 * (the shuffle by vehicle): each field in schema order with {@link DataOutputView}'s primitives,
 * laid out once from the schema. Flink's Avro serializer resolves the schema per datum; reading
 * events back with it was a tenth of the per-vehicle operator's thread. Knows the schema's strings,
 * longs and nullable doubles; a field of another type fails at class load, so a schema change that
 * needs a new case shows in every test. For the network only: no state is declared with it.
 */
public final class TelemetryEventSerializer extends CompactSerializer<TelemetryEvent> {

    private static final long serialVersionUID = 1L;

    public static final TelemetryEventSerializer INSTANCE = new TelemetryEventSerializer();

    /** The type information that selects this serializer. */
    public static final CompactTypeInfo<TelemetryEvent> TYPE =
            new CompactTypeInfo<>(TelemetryEvent.class, INSTANCE);

    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte NULLABLE_DOUBLE = 2;

    private static final byte[] KINDS = kinds(TelemetryEvent.getClassSchema());

    static byte[] kinds(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        byte[] kinds = new byte[fields.size()];
        for (Schema.Field f : fields) {
            Schema s = f.schema();
            kinds[f.pos()] =
                    switch (s.getType()) {
                        case STRING -> STRING;
                        case LONG -> LONG;
                        case UNION -> {
                            if (s.getTypes().size() == 2
                                    && s.getTypes().get(0).getType() == Schema.Type.NULL
                                    && s.getTypes().get(1).getType() == Schema.Type.DOUBLE) {
                                yield NULLABLE_DOUBLE;
                            }
                            throw unsupported(f);
                        }
                        default -> throw unsupported(f);
                    };
        }
        return kinds;
    }

    private static IllegalStateException unsupported(Schema.Field f) {
        return new IllegalStateException(
                "TelemetryEventSerializer has no case for field "
                        + f.name()
                        + " of type "
                        + f.schema()
                        + ": add one");
    }

    @Override
    protected TelemetryEvent newInstance() {
        return new TelemetryEvent();
    }

    @Override
    protected void write(TelemetryEvent e, DataOutputView out) throws IOException {
        for (int i = 0; i < KINDS.length; i++) {
            Object v = e.get(i);
            switch (KINDS[i]) {
                case STRING -> StringValue.writeString((CharSequence) v, out);
                case LONG -> out.writeLong((Long) v);
                default -> {
                    out.writeBoolean(v != null);
                    if (v != null) {
                        out.writeDouble((Double) v);
                    }
                }
            }
        }
    }

    @Override
    protected TelemetryEvent read(DataInputView in) throws IOException {
        TelemetryEvent e = new TelemetryEvent();
        for (int i = 0; i < KINDS.length; i++) {
            switch (KINDS[i]) {
                case STRING -> e.put(i, StringValue.readString(in));
                case LONG -> e.put(i, in.readLong());
                default -> e.put(i, in.readBoolean() ? in.readDouble() : null);
            }
        }
        return e;
    }

    @Override
    public TypeSerializerSnapshot<TelemetryEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1: the fields of TelemetryEvent v3 (brake pad and road speed limit included). */
    public static final class Snapshot extends MigratingSnapshot<TelemetryEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
