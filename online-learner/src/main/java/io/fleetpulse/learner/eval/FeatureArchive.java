package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.FeatureVector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Recorded features for replaying an evaluation: {@code features.avro} and {@code labels.avro}
 * (Avro container files, readable by any Avro tool) and {@code source.txt} in one directory.
 */
final class FeatureArchive {

    private FeatureArchive() {}

    static void save(LabelledFeatures data, Path dir) throws IOException {
        Files.createDirectories(dir);
        write(
                dir.resolve("features.avro"),
                FeatureVector.class,
                FeatureVector.getClassSchema(),
                data.vectors());
        write(
                dir.resolve("labels.avro"),
                AnomalyLabel.class,
                AnomalyLabel.getClassSchema(),
                data.labels());
        Files.writeString(
                dir.resolve("source.txt"), data.description() + "\n", StandardCharsets.UTF_8);
    }

    static LabelledFeatures load(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("features.avro"))) {
            throw new IOException(dir + " holds no recorded features (features.avro)");
        }
        String source =
                Files.exists(dir.resolve("source.txt"))
                        ? Files.readString(dir.resolve("source.txt")).strip()
                        : "recorded";
        return new LabelledFeatures(
                read(dir.resolve("features.avro"), FeatureVector.class),
                read(dir.resolve("labels.avro"), AnomalyLabel.class),
                "replayed from " + dir + " (" + source + ")");
    }

    private static <T extends SpecificRecord> void write(
            Path file, Class<T> type, org.apache.avro.Schema schema, List<T> records)
            throws IOException {
        try (DataFileWriter<T> out = new DataFileWriter<>(new SpecificDatumWriter<>(type))) {
            out.create(schema, file.toFile());
            for (T r : records) {
                out.append(r);
            }
        }
    }

    private static <T extends SpecificRecord> List<T> read(Path file, Class<T> type)
            throws IOException {
        List<T> out = new ArrayList<>();
        try (DataFileReader<T> in =
                new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
            in.forEach(out::add);
        }
        return out;
    }
}
