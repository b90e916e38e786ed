package io.fleetpulse.ingest.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every Avro schema version FleetPulse ever released, bundled in the jar under {@code
 * avro/history/} and listed in its {@code INDEX} file. Readers register all of them so that an
 * event written with an older schema still decodes: this is the schema store that replaces a
 * registry server for Avro single-object encoding.
 */
public final class SchemaHistory {

    private static final String DIR = "avro/history/";

    private SchemaHistory() {}

    /** All released versions of the record named {@code fullName}, oldest first. */
    public static List<Schema> versionsOf(String fullName) {
        List<Schema> out = new ArrayList<>();
        for (String file : index()) {
            Schema schema = parse(DIR + file);
            if (schema.getFullName().equals(fullName)) {
                out.add(schema);
            }
        }
        return out;
    }

    private static List<String> index() {
        try (InputStream in = resource(DIR + "INDEX");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> files = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    files.add(t);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history index", e);
        }
    }

    private static Schema parse(String path) {
        try (InputStream in = resource(path)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }
}
