package io.fleetpulse.ingest.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/** {@link SpecificRecordEncoder} writes exactly AvroWire's bytes, and refuses what it cannot. */
class SpecificRecordEncoderTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(11);

    /** Sets every field of {@code record} to a random value of its type (nulls now and then). */
    private static <T extends SpecificRecordBase> T randomised(T record) {
        for (Schema.Field f : record.getSchema().getFields()) {
            record.put(f.pos(), value(f.schema()));
        }
        return record;
    }

    private static Object value(Schema s) {
        return switch (s.getType()) {
            case STRING -> RANDOM.nextBoolean() ? "veh-" + RANDOM.nextInt(1000) : "Fahrzeug-ä€😀";
            case LONG -> RANDOM.nextBoolean() ? RANDOM.nextLong() : (long) RANDOM.nextInt(100);
            case INT -> RANDOM.nextBoolean() ? RANDOM.nextInt() : -RANDOM.nextInt(100);
            case BOOLEAN -> RANDOM.nextBoolean();
            case DOUBLE -> RANDOM.nextBoolean() ? RANDOM.nextGaussian() * 1e6 : Double.NaN;
            case UNION -> RANDOM.nextInt(3) == 0 ? null : value(s.getTypes().get(1));
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                int n = RANDOM.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(value(s.getElementType()));
                }
                yield items;
            }
            default -> throw new IllegalArgumentException(s.toString());
        };
    }

    private static <T extends SpecificRecordBase> void assertSameBytes(
            Class<T> type, java.util.function.Supplier<T> fresh) {
        SpecificRecordEncoder<T> encoder = SpecificRecordEncoder.forSchema(fresh.get().getSchema());
        assertThat(encoder).isNotNull();
        AvroWire<T> wire = AvroWire.of(type);
        for (int i = 0; i < 500; i++) {
            T record = randomised(fresh.get());
            byte[] bytes = encoder.encode(record);
            assertThat(bytes).isEqualTo(wire.encode(record));
            assertThat(wire.decode(bytes)).isEqualTo(record);
        }
    }

    @Test
    void writesImputedTelemetryExactlyAsAvroWireDoes() {
        assertSameBytes(ImputedTelemetry.class, ImputedTelemetry::new);
    }

    @Test
    void writesFeatureVectorsExactlyAsAvroWireDoes() {
        assertSameBytes(FeatureVector.class, FeatureVector::new);
    }

    @Test
    void refusesSchemasWithFieldTypesItDoesNotKnow() {
        assertThat(SpecificRecordEncoder.forSchema(DeadLetter.getClassSchema())).isNull();
    }
}
