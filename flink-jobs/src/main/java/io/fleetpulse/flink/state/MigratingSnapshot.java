package io.fleetpulse.flink.state;

import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;

/**
 * The snapshot of a {@link CompactSerializer}: compatible as is with its own earlier snapshots, and
 * compatible after migration with the POJO serializer's snapshot of the same state, which is how
 * checkpoints written before the compact serializers existed stored it: Flink then reads that state
 * with the POJO serializer and writes it back with the compact one when the state is first
 * registered after the restore.
 */
public abstract class MigratingSnapshot<T> extends SimpleTypeSerializerSnapshot<T> {

    protected MigratingSnapshot(Supplier<? extends TypeSerializer<T>> serializer) {
        super(serializer);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot instanceof PojoSerializerSnapshot) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return super.resolveSchemaCompatibility(oldSnapshot);
    }
}
