package io.fleetpulse.ingest.docs;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.ingest.wire.AvroSerde;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Renders the README's sensor and topic tables from {@link Sensor} and {@link Topics}, so the
 * documentation is generated from the code rather than copied. {@code main} prints both;
 * ReadmeTablesTest fails when the README has drifted.
 */
public final class ReadmeTables {

    private ReadmeTables() {}

    public static void main(String[] args) {
        System.out.println(sensors());
        System.out.println(topics());
    }

    /** One row per sensor: field, meaning (from the schema doc), unit, plausible range. */
    public static String sensors() {
        StringBuilder b = new StringBuilder();
        b.append("| field | meaning | unit | min | max |\n");
        b.append("| --- | --- | --- | ---: | ---: |\n");
        for (Sensor s : Sensor.ALL) {
            String doc = TelemetryEvent.getClassSchema().getField(s.field()).doc();
            int unitAt = doc.indexOf(" [");
            String meaning = unitAt < 0 ? doc : doc.substring(0, unitAt);
            b.append("| `")
                    .append(s.field())
                    .append("` | ")
                    .append(meaning)
                    .append(" | ")
                    .append(s.unit())
                    .append(" | ")
                    .append(number(s.min()))
                    .append(" | ")
                    .append(number(s.max()))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** One row per topic of {@link Topics#DEFAULT}. */
    public static String topics() {
        StringBuilder b = new StringBuilder();
        b.append("| topic | partitions | retention | key | value | what |\n");
        b.append("| --- | ---: | --- | --- | --- | --- |\n");
        for (TopicSpec<?, ?> t : Topics.DEFAULT.all()) {
            b.append("| `")
                    .append(t.name())
                    .append("` | ")
                    .append(t.partitions())
                    .append(" | ")
                    .append(retention(t.configs(), t.compacted()))
                    .append(" | ")
                    .append(serde(t.keySerde()))
                    .append(" | ")
                    .append(serde(t.valueSerde()))
                    .append(" | ")
                    .append(t.description())
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String retention(Map<String, String> configs, boolean compacted) {
        if (compacted) {
            return "compacted";
        }
        String ms = configs.get("retention.ms");
        return ms == null
                ? "broker default"
                : Duration.ofMillis(Long.parseLong(ms)).toDays() + " d";
    }

    private static String serde(Serde<?> serde) {
        if (serde instanceof AvroSerde<?> avro) {
            return "Avro `" + avro.wire().type().getSimpleName() + "`";
        }
        if (serde.getClass().equals(Serdes.String().getClass())) {
            return "string";
        }
        if (serde.getClass().equals(Serdes.ByteArray().getClass())) {
            return "bytes";
        }
        return serde.getClass().getSimpleName();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : Double.toString(v);
    }
}
