package io.fleetpulse.embedded.pinot.plugin;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.pinot.plugin.inputformat.avro.AvroRecordExtractor;
import org.apache.pinot.spi.data.readers.GenericRow;
import org.apache.pinot.spi.stream.StreamMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pinot stream decoder for FleetPulse's wire format, Avro single-object encoding: marker {@code C3
 * 01}, the writer schema's 8-byte little-endian CRC-64-AVRO fingerprint, then the Avro binary body.
 * Pinot 0.11's {@code SimpleAvroMessageDecoder} reads a bare body only, so it cannot read these
 * topics; this decoder checks the header, picks the writer schema by fingerprint and resolves it to
 * the reader schema (so events written with an older released schema still load).
 *
 * <p>Decoder properties ({@code stream.kafka.decoder.prop.*} in the table config): {@code schema},
 * the reader schema (JSON); optional {@code writerSchemas}, a JSON array of older writer schemas. A
 * message with a bad marker, an unknown fingerprint or a corrupt body is dropped (decode returns
 * null, which Pinot counts as {@code INVALID_REALTIME_ROWS_DROPPED}) and logged, at most once a
 * minute per reason, so one bad record never stops ingestion.
 */
public class SingleObjectAvroMessageDecoder implements StreamMessageDecoder<byte[]> {

    /** Property holding the reader schema, as for Pinot's own Avro decoder. */
    public static final String SCHEMA = "schema";

    /** Property holding a JSON array of older writer schemas. */
    public static final String WRITER_SCHEMAS = "writerSchemas";

    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final long LOG_INTERVAL_MS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(SingleObjectAvroMessageDecoder.class);

    private final Map<Long, GenericDatumReader<GenericData.Record>> readers = new HashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Long> lastLogged = new HashMap<>();
    private AvroRecordExtractor extractor;
    private BinaryDecoder decoder;
    private GenericData.Record reuse;
    private Schema readerSchema;

    @Override
    public void init(Map<String, String> props, Set<String> fieldsToRead, String topicName)
            throws Exception {
        String schemaJson = props.get(SCHEMA);
        if (schemaJson == null || schemaJson.isBlank()) {
            throw new IllegalArgumentException(
                    "decoder property '" + SCHEMA + "' (the reader Avro schema) is missing");
        }
        readerSchema = new Schema.Parser().parse(schemaJson);
        addWriter(readerSchema);
        String writers = props.get(WRITER_SCHEMAS);
        if (writers != null && !writers.isBlank()) {
            for (String writer : WriterSchemas.split(writers)) {
                addWriter(new Schema.Parser().parse(writer));
            }
        }
        extractor = new AvroRecordExtractor();
        extractor.init(fieldsToRead, null);
        LOG.info(
                "topic {}: decoding Avro single-object encoding as {} ({} writer versions)",
                topicName,
                readerSchema.getFullName(),
                readers.size());
    }

    private void addWriter(Schema writer) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
        // The current schema reads its own records directly; only older versions need resolving.
        readers.put(
                fingerprint,
                writer.equals(readerSchema)
                        ? new GenericDatumReader<>(readerSchema)
                        : new GenericDatumReader<>(writer, readerSchema));
    }

    @Override
    public GenericRow decode(byte[] payload, GenericRow destination) {
        return decode(payload, 0, payload.length, destination);
    }

    @Override
    public GenericRow decode(byte[] payload, int offset, int length, GenericRow destination) {
        if (length < HEADER_LENGTH
                || payload[offset] != MARKER_0
                || payload[offset + 1] != MARKER_1) {
            return drop("MALFORMED", "not Avro single-object encoding (" + length + " bytes)");
        }
        long fingerprint = littleEndianLong(payload, offset + 2);
        GenericDatumReader<GenericData.Record> reader = readers.get(fingerprint);
        if (reader == null) {
            return drop(
                    "UNKNOWN_SCHEMA",
                    "unknown writer schema fingerprint " + Long.toHexString(fingerprint));
        }
        decoder =
                DecoderFactory.get()
                        .binaryDecoder(
                                payload, offset + HEADER_LENGTH, length - HEADER_LENGTH, decoder);
        try {
            reuse = reader.read(reuse, decoder);
        } catch (IOException | RuntimeException e) {
            reuse = null;
            return drop("MALFORMED", "corrupt " + readerSchema.getName() + " body: " + e);
        }
        return extractor.extract(reuse, destination);
    }

    /** Messages dropped so far by this decoder instance. */
    public long dropped() {
        return dropped.get();
    }

    private GenericRow drop(String reason, String detail) {
        dropped.incrementAndGet();
        long now = System.currentTimeMillis();
        Long last = lastLogged.get(reason);
        if (last == null || now - last >= LOG_INTERVAL_MS) {
            lastLogged.put(reason, now);
            LOG.warn("dropping message ({}): {}; {} dropped so far", reason, detail, dropped.get());
        }
        return null;
    }

    static long littleEndianLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFFL);
        }
        return v;
    }
}
