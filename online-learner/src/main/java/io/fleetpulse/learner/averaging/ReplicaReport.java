package io.fleetpulse.learner.averaging;

import io.fleetpulse.learner.servable.ModelFormatException;
import io.fleetpulse.learner.servable.NamedTensor;
import io.fleetpulse.learner.servable.OnlineStandardizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one replica sends the averager for one model every averaging period: its current parameters
 * and the samples they were trained on since its previous report (the FedAvg weight), the
 * normalisation statistics of the rows it saw since then (merged exactly by the averager), and its
 * training loss. {@link #toBytes()} is its compact form, with the parameters optionally compressed.
 *
 * @param modelName the model
 * @param replica the replica (subtask) index
 * @param parallelism how many replicas the sender believes there are
 * @param sequence increases with each report of this replica and model
 * @param baseVersion the averaged version the replica last adopted (0: none)
 * @param samples rows trained on since the previous report
 * @param steps mini-batches trained since the previous report
 * @param loss mean training loss over those mini-batches ({@code NaN} if none)
 * @param statsDelta statistics of the rows seen since the previous report
 * @param parameters the replica's parameters now
 * @param createdAt when it was made, ms
 */
public record ReplicaReport(
        String modelName,
        int replica,
        int parallelism,
        long sequence,
        long baseVersion,
        long samples,
        long steps,
        double loss,
        OnlineStandardizer statsDelta,
        List<NamedTensor> parameters,
        long createdAt) {

    private static final int MAGIC = 0x46505252; // "FPRR"
    private static final int FORMAT_VERSION = 1;
    private static final int MAX_TENSORS = 1 << 12;

    public ReplicaReport {
        Objects.requireNonNull(modelName, "modelName");
        if (replica < 0 || parallelism < 1 || replica >= parallelism) {
            throw new IllegalArgumentException(
                    "replica " + replica + " of " + parallelism + " is not a valid replica");
        }
        if (samples < 0 || steps < 0) {
            throw new IllegalArgumentException("samples and steps must be >= 0");
        }
        statsDelta = statsDelta.copy();
        parameters = List.copyOf(parameters);
    }

    /** The compact form, parameters encoded with {@code compression}. */
    public byte[] toBytes(ParameterCompression compression) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(modelName);
            out.writeInt(replica);
            out.writeInt(parallelism);
            out.writeLong(sequence);
            out.writeLong(baseVersion);
            out.writeLong(samples);
            out.writeLong(steps);
            out.writeDouble(loss);
            out.writeLong(createdAt);
            byte[] stats = statsDelta.toBytes();
            out.writeInt(stats.length);
            out.write(stats);
            out.writeByte(compression.ordinal());
            out.writeInt(parameters.size());
            for (NamedTensor t : parameters) {
                out.writeUTF(t.name());
                long[] shape = t.shape();
                out.writeByte(shape.length);
                for (long d : shape) {
                    out.writeInt(Math.toIntExact(d));
                }
                compression.writeValues(t, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads {@link #toBytes}' form.
     *
     * @throws ModelFormatException if the bytes are not a report this build reads
     */
    public static ReplicaReport fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new ModelFormatException("not a replica report");
            }
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new ModelFormatException("unsupported replica report version " + version);
            }
            String name = in.readUTF();
            int replica = in.readInt();
            int parallelism = in.readInt();
            long sequence = in.readLong();
            long baseVersion = in.readLong();
            long samples = in.readLong();
            long steps = in.readLong();
            double loss = in.readDouble();
            long createdAt = in.readLong();
            int statsLength = in.readInt();
            if (statsLength < 0 || statsLength > in.available()) {
                throw new ModelFormatException("truncated replica report (statistics)");
            }
            byte[] stats = in.readNBytes(statsLength);
            ParameterCompression compression = compression(in.readUnsignedByte());
            int n = in.readInt();
            if (n < 0 || n > MAX_TENSORS) {
                throw new ModelFormatException("bad tensor count " + n);
            }
            List<NamedTensor> tensors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String tensor = in.readUTF();
                long[] shape = new long[in.readUnsignedByte()];
                long size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readInt();
                    if (shape[d] < 0) {
                        throw new ModelFormatException("negative dimension of tensor " + tensor);
                    }
                    size *= shape[d];
                }
                if (size > in.available()) {
                    throw new ModelFormatException("bad shape of tensor " + tensor);
                }
                tensors.add(new NamedTensor(tensor, shape, compression.readValues((int) size, in)));
            }
            return new ReplicaReport(
                    name,
                    replica,
                    parallelism,
                    sequence,
                    baseVersion,
                    samples,
                    steps,
                    loss,
                    OnlineStandardizer.fromBytes(stats),
                    tensors,
                    createdAt);
        } catch (EOFException e) {
            throw new ModelFormatException("truncated replica report", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException("invalid replica report: " + e.getMessage(), e);
        }
    }

    private static ParameterCompression compression(int ordinal) {
        ParameterCompression[] all = ParameterCompression.values();
        if (ordinal >= all.length) {
            throw new ModelFormatException("unknown parameter compression " + ordinal);
        }
        return all[ordinal];
    }

    /**
     * This report and a later one of the same replica as one: the later parameters, summed counts.
     */
    public ReplicaReport followedBy(ReplicaReport later) {
        if (!modelName.equals(later.modelName) || replica != later.replica) {
            throw new IllegalArgumentException("only reports of one replica and model combine");
        }
        OnlineStandardizer stats = statsDelta.copy();
        stats.merge(later.statsDelta);
        long totalSteps = steps + later.steps;
        double meanLoss;
        if (steps == 0 || Double.isNaN(loss)) {
            meanLoss = later.loss;
        } else if (later.steps == 0 || Double.isNaN(later.loss)) {
            meanLoss = loss;
        } else {
            meanLoss = (loss * steps + later.loss * later.steps) / totalSteps;
        }
        return new ReplicaReport(
                modelName,
                replica,
                Math.max(parallelism, later.parallelism),
                later.sequence,
                later.baseVersion,
                samples + later.samples,
                totalSteps,
                meanLoss,
                stats,
                later.parameters,
                later.createdAt);
    }
}
