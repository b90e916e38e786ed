package io.fleetpulse.loadgen.cli;

import io.fleetpulse.loadgen.SendingThreads;
import io.fleetpulse.loadgen.sink.ProducerSettings;
import picocli.CommandLine.Option;

/**
 * The Kafka connection, producer tuning and sending threads options shared by the simulator's
 * commands.
 */
public final class ProducerOptions {

    @Option(
            names = "--threads",
            defaultValue = "" + SendingThreads.DEFAULT_THREADS,
            description =
                    "Sending threads, each simulating and sending the vehicles of its own share of"
                            + " the topic's partitions (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--bootstrap-server",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServer;

    @Option(
            names = "--acks",
            defaultValue = ProducerSettings.DEFAULT_ACKS,
            description = "Producer acks: all, 1 or 0 (default: ${DEFAULT-VALUE}).")
    String acks;

    @Option(
            names = "--compression",
            defaultValue = ProducerSettings.DEFAULT_COMPRESSION,
            description =
                    "Producer compression: lz4, zstd, snappy, gzip or none (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(
            names = "--linger-ms",
            defaultValue = "" + ProducerSettings.DEFAULT_LINGER_MS,
            description = "Producer linger.ms (default: ${DEFAULT-VALUE}).")
    int lingerMs;

    @Option(
            names = "--batch-size",
            defaultValue = "" + ProducerSettings.DEFAULT_BATCH_SIZE,
            description = "Producer batch.size in bytes (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--buffer-memory",
            defaultValue = "" + ProducerSettings.DEFAULT_BUFFER_MEMORY,
            description = "Producer buffer.memory in bytes (default: ${DEFAULT-VALUE}).")
    long bufferMemory;

    public String bootstrapServer() {
        return bootstrapServer;
    }

    /** Sending threads; throws IllegalArgumentException when below one. */
    public int threads() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1");
        }
        return threads;
    }

    /** The settings; throws IllegalArgumentException with a readable message when invalid. */
    public ProducerSettings settings() {
        return new ProducerSettings(
                bootstrapServer, acks, compression, lingerMs, batchSize, bufferMemory);
    }
}
