package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.FeatureJob;
import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.FeatureJobSinks;
import io.fleetpulse.flink.JobEnvironments;
import io.fleetpulse.flink.telemetry.RawTelemetry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the real FeatureJob (validation, de-duplication, MICE imputation, tumbling and sliding
 * windows) in a mini cluster on 127.0.0.1 over events held in memory, and returns its feature
 * vectors in the order a consumer of the features topic would meet them: by window end.
 */
final class FeatureJobRunner {

    /** What the run produced besides the features. */
    record Counts(long events, long features, long deadLetters, long late) {}

    private FeatureJobRunner() {}

    static List<FeatureVector> features(
            Iterator<TelemetryEvent> events, long count, Counts[] counts) throws Exception {
        String source = InProcess.register(events);
        String features = InProcess.newSink();
        String imputed = InProcess.newSink();
        String dead = InProcess.newSink();
        String late = InProcess.newSink();
        try {
            Configuration c = new Configuration();
            c.set(FeatureJobOptions.PARALLELISM, 1); // the generator replays one ordered stream
            c.setString(JobEnvironments.LOCAL_FLAG, "true");
            StreamExecutionEnvironment env = JobEnvironments.create(c);
            new FeatureJob(
                            new DataGeneratorSource<>(
                                    new EventGenerator(source),
                                    count,
                                    TypeInformation.of(RawTelemetry.class)),
                            new FeatureJobSinks(
                                    new CollectingSink<ImputedTelemetry>(imputed, false),
                                    new CollectingSink<FeatureVector>(features, true),
                                    new CollectingSink<DeadLetter>(dead, false),
                                    new CollectingSink<TelemetryEvent>(late, false)),
                            c)
                    .execute(env);
            List<FeatureVector> out = new ArrayList<>(InProcess.sink(features).size());
            for (Object o : InProcess.sink(features)) {
                out.add((FeatureVector) o);
            }
            out.sort(
                    Comparator.comparingLong(FeatureVector::getWindowEnd)
                            .thenComparing(FeatureVector::getVehicleId)
                            .thenComparing(FeatureVector::getWindowKind));
            if (counts != null) {
                counts[0] =
                        new Counts(
                                InProcess.sink(imputed).size(),
                                out.size(),
                                InProcess.sink(dead).size(),
                                InProcess.sink(late).size());
            }
            return out;
        } finally {
            InProcess.release(source, features, imputed, dead, late);
        }
    }
}
