package io.fleetpulse.learner.servable;

import io.fleetpulse.avro.FeatureVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The numeric columns the models see, derived from the {@link FeatureVector} schema: every numeric
 * field except identities and timestamps, with counts and integrals over the window (distance, fuel
 * used, harsh events, ...) turned into per-hour rates so that 10 s and 60 s windows are on one
 * scale, plus the window length itself. A missing (null) value reads as 0.
 *
 * <p>Columns are named after their field ({@code speedMean}) or, for rates, the field plus {@code
 * PerHour} ({@code distanceKmPerHour}). A model snapshot stores the column names it was trained on,
 * so a newer schema with more fields never changes what an older model reads.
 */
public final class FeatureColumns {

    /** The derived column holding the window length in seconds. */
    public static final String WINDOW_SECONDS = "windowSeconds";

    /** Suffix of the columns that are per-hour rates of a window total. */
    public static final String PER_HOUR = "PerHour";

    /** Fields that identify or time a window: never model inputs. */
    private static final Set<String> NOT_FEATURES =
            Set.of(
                    "vehicleId",
                    "driverId",
                    "windowStart",
                    "windowEnd",
                    "windowKind",
                    "lastEventTime",
                    "processedAt");

    /** Window totals that become per-hour rates. */
    private static final Set<String> TOTALS =
            Set.of(
                    "eventCount",
                    "distanceKm",
                    "fuelUsedL",
                    "harshBrakeCount",
                    "harshAccelCount",
                    "overSpeedSeconds",
                    "fuelLevelDropPct",
                    "brakePadWearMm",
                    "brakeEnergyProxy");

    private static final double SECONDS_PER_HOUR = 3600;

    /** Column name to its source field, in schema order, window length first. */
    private static final Map<String, String> SOURCE = sources();

    /** Every column, in order. */
    public static final List<String> ALL = List.copyOf(SOURCE.keySet());

    private FeatureColumns() {}

    private static Map<String, String> sources() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(WINDOW_SECONDS, null);
        for (Schema.Field f : FeatureVector.getClassSchema().getFields()) {
            if (NOT_FEATURES.contains(f.name()) || !numeric(f.schema())) {
                continue;
            }
            out.put(TOTALS.contains(f.name()) ? f.name() + PER_HOUR : f.name(), f.name());
        }
        return Collections.unmodifiableMap(out);
    }

    private static boolean numeric(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            return s.getTypes().stream()
                    .allMatch(t -> t.getType() == Schema.Type.NULL || numeric(t));
        }
        return switch (s.getType()) {
            case INT, LONG, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    /** Whether {@code name} is a column this build can compute. */
    public static boolean isColumn(String name) {
        return SOURCE.containsKey(name);
    }

    /** The {@link FeatureVector} field a column is computed from ({@code null} for the length). */
    public static String sourceField(String column) {
        requireColumn(column);
        return SOURCE.get(column);
    }

    /** Window length in seconds; at least 1 ms so rates stay finite. */
    public static double windowSeconds(long windowStart, long windowEnd) {
        return Math.max(windowEnd - windowStart, 1) / 1000.0;
    }

    /** Reads the columns {@code names} from {@code v}, in that order. */
    public static double[] read(FeatureVector v, List<String> names) {
        return read(v, names, new double[names.size()]);
    }

    /** As {@link #read(FeatureVector, List)}, into {@code out}. */
    public static double[] read(FeatureVector v, List<String> names, double[] out) {
        double seconds = windowSeconds(v.getWindowStart(), v.getWindowEnd());
        for (int i = 0; i < names.size(); i++) {
            out[i] = value(v, names.get(i), seconds);
        }
        return out;
    }

    /** One column of {@code v}. */
    public static double value(FeatureVector v, String column) {
        return value(v, column, windowSeconds(v.getWindowStart(), v.getWindowEnd()));
    }

    private static double value(FeatureVector v, String column, double seconds) {
        String field = sourceField(column);
        if (field == null) {
            return seconds;
        }
        Object raw = v.get(field);
        double x = raw == null ? 0 : ((Number) raw).doubleValue();
        return column.equals(field) ? x : x * SECONDS_PER_HOUR / seconds;
    }

    /**
     * The columns from raw field values by name (for callers holding JSON rather than a {@link
     * FeatureVector}, such as model-serving): {@code fields} maps FeatureVector field names to
     * values; a missing or null field reads as 0.
     *
     * @param windowSeconds the window length the totals were summed over
     */
    public static double[] fromFields(
            Map<String, ? extends Number> fields, double windowSeconds, List<String> names) {
        if (!(windowSeconds > 0) || !Double.isFinite(windowSeconds)) {
            throw new IllegalArgumentException(
                    "window length must be a positive number of seconds, was " + windowSeconds);
        }
        double[] out = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String field = sourceField(names.get(i));
            if (field == null) {
                out[i] = windowSeconds;
                continue;
            }
            Number raw = fields.get(field);
            double x = raw == null ? 0 : raw.doubleValue();
            out[i] = names.get(i).equals(field) ? x : x * SECONDS_PER_HOUR / windowSeconds;
        }
        return out;
    }

    /** {@link #ALL} without {@code excluded} (which must all be columns). */
    public static List<String> allExcept(Set<String> excluded) {
        excluded.forEach(FeatureColumns::requireColumn);
        List<String> out = new ArrayList<>(ALL);
        out.removeAll(excluded);
        return List.copyOf(out);
    }

    private static void requireColumn(String column) {
        if (!SOURCE.containsKey(column)) {
            throw new IllegalArgumentException(
                    "unknown feature column " + column + "; known: " + ALL);
        }
    }
}
