package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.replay.CsvColumnMapping;
import io.fleetpulse.ingest.replay.CsvLineSplitter;
import io.fleetpulse.ingest.replay.CsvRow;
import io.fleetpulse.ingest.replay.CsvTelemetryReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recorded telemetry with labels: a CSV as {@code fleet replay} reads it (vehicleId, eventTime,
 * sensor columns named like the Avro fields; driverId and seq optional) plus a label column naming
 * the anomaly kind a row shows (empty for normal rows). Consecutive rows of one vehicle with the
 * same kind form one labelled episode. Rows that cannot be read are skipped and counted.
 */
final class LabelledCsv {

    /** Telemetry and labels read from the file. */
    record Contents(List<TelemetryEvent> events, List<AnomalyLabel> labels, long skipped) {}

    private LabelledCsv() {}

    static Contents read(Path file, String labelColumn) throws IOException {
        CsvColumnMapping.Spec spec =
                new CsvColumnMapping.Spec(
                        "vehicleId", "driverId", "eventTime", "seq", Map.of(), Set.of(labelColumn));
        List<TelemetryEvent> events = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        long skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvTelemetryReader reader =
                    new CsvTelemetryReader(in, spec, CsvTelemetryReader.Settings.defaults());
            int labelIndex =
                    reader.mapping().columns().stream()
                            .filter(c -> c.name().equalsIgnoreCase(labelColumn))
                            .findFirst()
                            .orElseThrow()
                            .index();
            CsvLineSplitter splitter = new CsvLineSplitter(',');
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                if (row.event() == null || !row.violations().isEmpty()) {
                    skipped++;
                    continue;
                }
                List<String> cells = splitter.split(row.text());
                String kind = cells.get(labelIndex).strip().toUpperCase(Locale.ROOT);
                events.add(row.event());
                kinds.add(kind);
            }
        }
        Integer[] order = new Integer[events.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(
                order,
                Comparator.comparingLong((Integer i) -> events.get(i).getEventTime())
                        .thenComparing(i -> events.get(i).getVehicleId()));
        List<TelemetryEvent> sorted = new ArrayList<>(order.length);
        Map<String, AnomalyLabel.Builder> open = new HashMap<>();
        List<AnomalyLabel> labels = new ArrayList<>();
        for (int i : order) {
            TelemetryEvent e = events.get(i);
            sorted.add(e);
            String kind = kinds.get(i);
            AnomalyLabel.Builder current = open.get(e.getVehicleId());
            if (current != null && !current.getKind().equals(kind)) {
                labels.add(current.build());
                open.remove(e.getVehicleId());
                current = null;
            }
            if (kind.isEmpty()) {
                continue;
            }
            if (current == null) {
                open.put(
                        e.getVehicleId(),
                        AnomalyLabel.newBuilder()
                                .setVehicleId(e.getVehicleId())
                                .setDriverId(e.getDriverId())
                                .setKind(kind)
                                .setStartTime(e.getEventTime())
                                .setEndTime(e.getEventTime())
                                .setDescription("labelled in " + file.getFileName()));
            } else {
                current.setEndTime(e.getEventTime());
            }
        }
        open.values().forEach(b -> labels.add(b.build()));
        return new Contents(sorted, labels, skipped);
    }

    static LabelledFeatures features(Path file, String labelColumn) throws Exception {
        Contents c = read(file, labelColumn);
        FeatureJobRunner.Counts[] counts = new FeatureJobRunner.Counts[1];
        List<FeatureVector> vectors =
                FeatureJobRunner.features(c.events().iterator(), c.events().size(), counts);
        return new LabelledFeatures(
                vectors,
                c.labels(),
                String.format(
                        Locale.ROOT,
                        "labelled CSV %s: %d rows (%d unreadable, skipped), %d episodes; FeatureJob:"
                                + " %d vectors (%d dead letters, %d late)",
                        file,
                        c.events().size(),
                        c.skipped(),
                        c.labels().size(),
                        counts[0].features(),
                        counts[0].deadLetters(),
                        counts[0].late()));
    }
}
