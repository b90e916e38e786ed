package io.fleetpulse.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.flink.features.PaneAccumulator;
import io.fleetpulse.flink.features.PaneAccumulatorSerializer;
import io.fleetpulse.flink.impute.VehicleState;
import io.fleetpulse.flink.impute.VehicleStateSerializer;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The compact state serializers write every field: each public field of the state types (nested
 * ones included) is set to a distinct value, and a round trip must give them all back — a field
 * added to a type but not to its serializer fails here. Also: each is smaller than the POJO
 * serializer's form, and declares itself migratable from it.
 */
class StateSerializerTest {

    @Test
    void paneAccumulatorRoundTripsEveryField() throws Exception {
        PaneAccumulator pane = filled(new PaneAccumulator());
        PaneAccumulator back = roundTrip(PaneAccumulatorSerializer.INSTANCE, pane);
        assertThat(back).usingRecursiveComparison().isEqualTo(pane);
        assertThat(PaneAccumulatorSerializer.INSTANCE.copy(pane))
                .usingRecursiveComparison()
                .isEqualTo(pane)
                .isNotSameAs(pane);
    }

    @Test
    void vehicleStateRoundTripsEveryField() throws Exception {
        VehicleState state = filled(VehicleState.fresh());
        VehicleState back = roundTrip(VehicleStateSerializer.INSTANCE, state);
        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        VehicleState empty = new VehicleState(); // parts null, as in state from older versions
        assertThat(roundTrip(VehicleStateSerializer.INSTANCE, empty))
                .usingRecursiveComparison()
                .isEqualTo(empty);
    }

    @Test
    void compactFormIsSmallerThanThePojoForm() throws Exception {
        PaneAccumulator pane = filled(new PaneAccumulator());
        VehicleState state = filled(VehicleState.fresh());
        assertThat(size(PaneAccumulatorSerializer.INSTANCE, pane))
                .isLessThan(size(pojo(PaneAccumulator.class), pane));
        assertThat(size(VehicleStateSerializer.INSTANCE, state))
                .isLessThan(size(pojo(VehicleState.class), state));
    }

    @Test
    void stateWrittenByThePojoSerializerIsMigrated() {
        assertThat(
                        new PaneAccumulatorSerializer.Snapshot()
                                .resolveSchemaCompatibility(
                                        pojo(PaneAccumulator.class).snapshotConfiguration())
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(
                        new VehicleStateSerializer.Snapshot()
                                .resolveSchemaCompatibility(
                                        VehicleStateSerializer.INSTANCE.snapshotConfiguration())
                                .isCompatibleAsIs())
                .isTrue();
    }

    static <T> TypeSerializer<T> pojo(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }

    static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left unread").isZero();
        return back;
    }

    private static <T> int size(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.length();
    }

    private static int next = 1;

    /** Sets every public instance field (recursively, arrays element-wise) to a distinct value. */
    static <T> T filled(T object) throws Exception {
        for (Field f : object.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            Object current = f.get(object);
            if (t.isArray()) {
                Object a = current != null ? current : Array.newInstance(t.getComponentType(), 3);
                for (int i = 0; i < Array.getLength(a); i++) {
                    Array.set(a, i, value(t.getComponentType()));
                }
                f.set(object, a);
            } else if (t.isPrimitive() || t == String.class) {
                f.set(object, value(t));
            } else {
                f.set(
                        object,
                        filled(
                                current != null
                                        ? current
                                        : t.getDeclaredConstructor().newInstance()));
            }
        }
        return object;
    }

    private static Object value(Class<?> t) {
        int v = next++;
        if (t == double.class) {
            return v + 0.25;
        }
        if (t == long.class) {
            return 1_000_000_000_000L + v;
        }
        if (t == int.class) {
            return v;
        }
        if (t == boolean.class) {
            return v % 2 == 0;
        }
        if (t == String.class) {
            return "s" + v;
        }
        throw new IllegalArgumentException("no test value for " + t);
    }
}
