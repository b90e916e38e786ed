package io.fleetpulse.ingest.telemetry;

import io.fleetpulse.avro.ImputedTelemetry;
import org.apache.avro.Schema;

/**
 * Positional access to a sensor's three fields in {@link ImputedTelemetry} (value, imputed flag,
 * uncertainty), resolved once from the schema so hot paths avoid field-name lookups.
 */
public final class ImputedFields {

    private static final int[] VALUE = new int[Sensor.ALL.size()];
    private static final int[] FLAG = new int[Sensor.ALL.size()];
    private static final int[] SD = new int[Sensor.ALL.size()];

    static {
        Schema schema = ImputedTelemetry.getClassSchema();
        for (Sensor s : Sensor.ALL) {
            VALUE[s.ordinal()] = schema.getField(s.field()).pos();
            FLAG[s.ordinal()] = schema.getField(s.field() + "Imputed").pos();
            SD[s.ordinal()] = schema.getField(s.field() + "Sd").pos();
        }
    }

    private ImputedFields() {}

    /** The sensor's value (observed or imputed), or null if none could be given. */
    public static Double value(ImputedTelemetry t, Sensor s) {
        return (Double) t.get(VALUE[s.ordinal()]);
    }

    /** Whether the sensor's value was imputed. */
    public static boolean imputed(ImputedTelemetry t, Sensor s) {
        return (Boolean) t.get(FLAG[s.ordinal()]);
    }

    /** The uncertainty (standard deviation of the imputations) of the sensor's value. */
    public static double sd(ImputedTelemetry t, Sensor s) {
        return (Double) t.get(SD[s.ordinal()]);
    }

    /** Sets value, flag and uncertainty of one sensor. */
    public static void set(ImputedTelemetry t, Sensor s, Double value, boolean imputed, double sd) {
        t.put(VALUE[s.ordinal()], value);
        t.put(FLAG[s.ordinal()], imputed);
        t.put(SD[s.ordinal()], sd);
    }
}
