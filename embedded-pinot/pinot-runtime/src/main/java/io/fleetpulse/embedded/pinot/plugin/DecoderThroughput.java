package io.fleetpulse.embedded.pinot.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.pinot.plugin.inputformat.json.JSONMessageDecoder;
import org.apache.pinot.spi.data.readers.GenericRow;
import org.apache.pinot.spi.stream.StreamMessageDecoder;

/**
 * Measures, inside Pinot's own classpath, how fast the same records decode as FleetPulse's Avro
 * single-object encoding ({@link SingleObjectAvroMessageDecoder}) and as JSON (Pinot's {@code
 * JSONMessageDecoder}), and how large each is. Usage: {@code DecoderThroughput SCHEMA.avsc [rows]}.
 * A measurement tool for the decoder choice, not used by Pinot.
 */
public final class DecoderThroughput {

    private DecoderThroughput() {}

    public static void main(String[] args) throws Exception {
        Schema schema = new Schema.Parser().parse(Files.readString(Path.of(args[0])));
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Random random = new Random(42);
        byte[][] avro = new byte[rows][];
        byte[][] json = new byte[rows][];
        ObjectMapper mapper = new ObjectMapper();
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        GenericDatumWriter<GenericData.Record> writer = new GenericDatumWriter<>(schema);
        long avroBytes = 0;
        long jsonBytes = 0;
        for (int i = 0; i < rows; i++) {
            GenericData.Record r = record(schema, random, i);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0xC3, 0x01});
            out.write(
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(fingerprint)
                            .array());
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(r, enc);
            enc.flush();
            avro[i] = out.toByteArray();
            Map<String, Object> m = new LinkedHashMap<>();
            for (Schema.Field f : schema.getFields()) {
                m.put(f.name(), r.get(f.name()));
            }
            json[i] = mapper.writeValueAsBytes(m);
            avroBytes += avro[i].length;
            jsonBytes += json[i].length;
        }
        Map<String, String> props = new HashMap<>();
        props.put(SingleObjectAvroMessageDecoder.SCHEMA, schema.toString());
        StreamMessageDecoder<byte[]> avroDecoder = new SingleObjectAvroMessageDecoder();
        avroDecoder.init(props, null, "bench");
        StreamMessageDecoder<byte[]> jsonDecoder = new JSONMessageDecoder();
        jsonDecoder.init(new HashMap<>(), null, "bench");
        for (int round = 0; round < 3; round++) {
            double a = rate(avroDecoder, avro);
            double j = rate(jsonDecoder, json);
            System.out.printf(
                    "round %d: avro %,.0f rows/s (%.0f B/row), json %,.0f rows/s (%.0f B/row)%n",
                    round, a, avroBytes / (double) rows, j, jsonBytes / (double) rows);
        }
    }

    private static double rate(StreamMessageDecoder<byte[]> decoder, byte[][] messages) {
        GenericRow row = new GenericRow();
        long t0 = System.nanoTime();
        for (byte[] m : messages) {
            row.clear();
            if (decoder.decode(m, row) == null) {
                throw new IllegalStateException("a message did not decode");
            }
        }
        return messages.length / ((System.nanoTime() - t0) / 1e9);
    }

    private static GenericData.Record record(Schema schema, Random random, int i) {
        GenericData.Record r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            r.put(f.name(), value(f.schema(), random, i));
        }
        return r;
    }

    private static Object value(Schema s, Random random, int i) {
        switch (s.getType()) {
            case UNION:
                return value(s.getTypes().get(1), random, i);
            case STRING:
                return "V" + (i % 10_000);
            case LONG:
                return 1_795_000_000_000L + i;
            case INT:
                return random.nextInt(5);
            case DOUBLE:
                return random.nextDouble() < 0.9 ? random.nextDouble() * 100 : 0.0;
            case BOOLEAN:
                return random.nextDouble() < 0.05;
            case ARRAY:
                return List.of();
            default:
                throw new IllegalArgumentException("unsupported field type " + s);
        }
    }
}
