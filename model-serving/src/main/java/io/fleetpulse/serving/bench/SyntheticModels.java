package io.fleetpulse.serving.bench;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.learner.servable.ModelSnapshot;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;

/**
 * Model snapshots and feature vectors of the real shapes without a learner: each snapshot has the
 * model kind's columns, statistics of random vectors and the kind's deterministic starting weights
 * (seeded by the version, so versions differ). For the serving benchmark and tests; their figures
 * mean nothing, their cost is that of real models.
 */
public final class SyntheticModels {

    /** Window length of the generated vectors. */
    public static final long WINDOW_MS = 10_000;

    private static final int STATS_ROWS = 200;
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private SyntheticModels() {}

    /** A vector with every field set to a plausible-looking random value. */
    public static FeatureVector vector(
            SplittableRandom random, String vehicleId, long windowStart) {
        FeatureVector v = new FeatureVector();
        for (Schema.Field f : FeatureVector.getClassSchema().getFields()) {
            Schema s = f.schema();
            if (s.getType() == Schema.Type.UNION) {
                s = s.getTypes().get(1);
            }
            switch (s.getType()) {
                case STRING -> v.put(f.pos(), f.name().equals("vehicleId") ? vehicleId : "X");
                case INT -> v.put(f.pos(), random.nextInt(0, 20));
                case LONG -> v.put(f.pos(), windowStart + random.nextLong(0, WINDOW_MS));
                case DOUBLE -> v.put(f.pos(), random.nextDouble(0, 100));
                default -> throw new IllegalStateException("unexpected field type " + f);
            }
        }
        v.setWindowKind("TUMBLING_10S");
        v.setWindowStart(windowStart);
        v.setWindowEnd(windowStart + WINDOW_MS);
        return v;
    }

    /** {@code v} as the JSON object model-serving takes (Avro field names, nulls left out). */
    public static Map<String, Object> json(FeatureVector v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field f : FeatureVector.getClassSchema().getFields()) {
            Object x = v.get(f.pos());
            if (x != null) {
                out.put(f.name(), x instanceof CharSequence c ? c.toString() : x);
            }
        }
        return out;
    }

    /** A servable snapshot of {@code kind} at {@code version}. */
    public static ModelSnapshot snapshot(ModelKind kind, long version, Instant createdAt) {
        SplittableRandom random = new SplittableRandom(version * 7919 + kind.ordinal());
        List<String> columns = kind.standardizedColumns();
        OnlineStandardizer stats = new OnlineStandardizer(columns);
        for (int i = 0; i < STATS_ROWS; i++) {
            stats.update(FeatureColumns.read(vector(random, "v" + i, T0 + i * WINDOW_MS), columns));
        }
        ModelSnapshot.Builder b =
                ModelSnapshot.builder(kind.modelName(), version)
                        .setStandardizer(stats)
                        .optCreatedAt(createdAt)
                        .optRound(version)
                        .optReplicas(List.of(0, 1))
                        .optSampleCount(STATS_ROWS * version)
                        .putMetric("loss", 1.0 / (version + 1));
        kind.networkSpec()
                .initialParameters(version * 31 + kind.ordinal())
                .forEach(b::addParameter);
        return b.build();
    }

    /** One snapshot of every model kind at {@code version}. */
    public static List<ModelSnapshot> all(long version, Instant createdAt) {
        List<ModelSnapshot> out = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) {
            out.add(snapshot(k, version, createdAt));
        }
        return out;
    }
}
