package io.fleetpulse.loadgen.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.avro.AnomalyLabel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/**
 * Writes ground-truth labels to a file, one per line: CSV (with a header) when the file name ends
 * in {@code .csv}, JSON lines otherwise. Columns and keys are the {@link AnomalyLabel} fields.
 */
public final class LabelFileWriter implements Consumer<AnomalyLabel>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Schema.Field> FIELDS = AnomalyLabel.getClassSchema().getFields();

    private final BufferedWriter out;
    private final boolean csv;
    private long written;

    public LabelFileWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv) {
            out.write(String.join(",", FIELDS.stream().map(Schema.Field::name).toList()));
            out.newLine();
        }
    }

    @Override
    public synchronized void accept(AnomalyLabel label) {
        try {
            if (csv) {
                StringBuilder line = new StringBuilder();
                for (Schema.Field f : FIELDS) {
                    if (f.pos() > 0) {
                        line.append(',');
                    }
                    Object v = label.get(f.pos());
                    line.append(v == null ? "" : csvCell(v.toString()));
                }
                out.write(line.toString());
            } else {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Schema.Field f : FIELDS) {
                    row.put(f.name(), label.get(f.pos()));
                }
                out.write(JSON.writeValueAsString(row));
            }
            out.newLine();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write label", e);
        }
    }

    static String csvCell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    public synchronized long written() {
        return written;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
