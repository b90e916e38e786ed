package io.fleetpulse.loadgen.sink;

import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer tuning the simulator uses (and hands to Kafka's own perf tool for a fair
 * comparison): acknowledgements, compression, linger and batch size. Keys and values are sent as
 * ready-made bytes.
 */
public record ProducerSettings(
        String bootstrapServers,
        String acks,
        String compression,
        int lingerMs,
        int batchSizeBytes,
        long bufferMemoryBytes) {

    public static final String DEFAULT_ACKS = "all";
    public static final String DEFAULT_COMPRESSION = "lz4";
    public static final int DEFAULT_LINGER_MS = 50;
    public static final int DEFAULT_BATCH_SIZE = 256 * 1024;
    public static final long DEFAULT_BUFFER_MEMORY = 64L * 1024 * 1024;

    public ProducerSettings {
        if (!acks.equals("all") && !acks.equals("1") && !acks.equals("0") && !acks.equals("-1")) {
            throw new IllegalArgumentException("acks must be all, -1, 1 or 0 but was " + acks);
        }
        String c = compression.toLowerCase(Locale.ROOT);
        if (!c.equals("none")
                && !c.equals("lz4")
                && !c.equals("zstd")
                && !c.equals("snappy")
                && !c.equals("gzip")) {
            throw new IllegalArgumentException(
                    "compression must be none, lz4, zstd, snappy or gzip but was " + compression);
        }
        compression = c;
        if (lingerMs < 0 || batchSizeBytes < 1024 || bufferMemoryBytes < batchSizeBytes) {
            throw new IllegalArgumentException(
                    "need linger >= 0 ms, batch size >= 1 KiB and buffer memory >= batch size");
        }
    }

    public static ProducerSettings defaults(String bootstrapServers) {
        return new ProducerSettings(
                bootstrapServers,
                DEFAULT_ACKS,
                DEFAULT_COMPRESSION,
                DEFAULT_LINGER_MS,
                DEFAULT_BATCH_SIZE,
                DEFAULT_BUFFER_MEMORY);
    }

    /** Producer properties with byte-array serializers and the given client id. */
    public Properties toProperties(String clientId) {
        Properties props = new Properties();
        props.putAll(tuning());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** The settings as producer properties (strings), without serializers or client id. */
    public Properties tuning() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchSizeBytes));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(bufferMemoryBytes));
        return props;
    }

    @Override
    public String toString() {
        return "acks="
                + acks
                + " compression.type="
                + compression
                + " linger.ms="
                + lingerMs
                + " batch.size="
                + batchSizeBytes
                + " buffer.memory="
                + bufferMemoryBytes;
    }
}
