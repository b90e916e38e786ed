package io.fleetpulse.learner.servable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link ModelSnapshot} on the models topic. Format version 1, big-endian:
 *
 * <pre>
 * int magic "FPMS" | byte format version
 * string modelName | long version | long createdAt (epoch ms) | long round
 * int n, n x int replica | long sampleCount | int n, n bytes standardizer ({@link OnlineStandardizer#toBytes()})
 * int n, n x (string name | int rank, rank x long dim | int size, size x float data)
 * int n, n x (string name | double value)
 * int CRC-32 of all bytes before it
 * </pre>
 *
 * Strings are an int length and UTF-8 bytes. A reader rejects other magic, other format versions, a
 * checksum mismatch, truncation and trailing bytes with a {@link ModelFormatException}.
 */
public final class ModelSnapshotCodec {

    static final int MAGIC = 0x46504D53; // "FPMS"

    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String WHAT = "model snapshot";
    private static final int MAX_NAME_BYTES = 256;
    private static final int MAX_REPLICAS = 1 << 16;
    private static final int MAX_TENSORS = 1 << 16;
    private static final int MAX_METRICS = 1 << 12;

    private ModelSnapshotCodec() {}

    public static byte[] encode(ModelSnapshot s) {
        BinaryWriter out = new BinaryWriter(MAGIC, FORMAT_VERSION);
        out.writeString(s.modelName())
                .writeLong(s.version())
                .writeLong(s.createdAt().toEpochMilli())
                .writeLong(s.round())
                .writeInt(s.replicas().size());
        for (int r : s.replicas()) {
            out.writeInt(r);
        }
        out.writeLong(s.sampleCount()).writeBytes(s.standardizer().toBytes());
        List<NamedTensor> tensors = s.parameters();
        out.writeInt(tensors.size());
        for (NamedTensor t : tensors) {
            out.writeString(t.name()).writeInt(t.rank());
            for (long d : t.shape()) {
                out.writeLong(d);
            }
            out.writeInt(t.size()).writeFloats(t.toArray());
        }
        out.writeInt(s.metrics().size());
        for (Map.Entry<String, Double> m : s.metrics().entrySet()) {
            out.writeString(m.getKey()).writeDouble(m.getValue());
        }
        return out.finish();
    }

    /**
     * @throws ModelFormatException if {@code bytes} is not a valid snapshot of this format
     */
    public static ModelSnapshot decode(byte[] bytes) {
        BinaryReader in = BinaryReader.open(bytes, MAGIC, FORMAT_VERSION, WHAT);
        String name = in.readString("model name", MAX_NAME_BYTES);
        long version = in.readLong("version");
        long createdAt = in.readLong("createdAt");
        long round = in.readLong("round");
        int replicaCount = in.readCount("replica count", MAX_REPLICAS, Integer.BYTES);
        List<Integer> replicas = new ArrayList<>(replicaCount);
        for (int i = 0; i < replicaCount; i++) {
            replicas.add(in.readInt("replica"));
        }
        long sampleCount = in.readLong("sample count");
        OnlineStandardizer standardizer =
                OnlineStandardizer.fromBytes(in.readBytes("standardizer", Integer.MAX_VALUE));
        try {
            ModelSnapshot.Builder b =
                    ModelSnapshot.builder(name, version)
                            .optCreatedAt(Instant.ofEpochMilli(createdAt))
                            .optRound(round)
                            .optReplicas(replicas)
                            .optSampleCount(sampleCount)
                            .setStandardizer(standardizer);
            int tensorCount = in.readCount("tensor count", MAX_TENSORS, 3 * Integer.BYTES);
            for (int i = 0; i < tensorCount; i++) {
                b.addParameter(readTensor(in));
            }
            int metricCount = in.readCount("metric count", MAX_METRICS, Integer.BYTES + 8);
            for (int i = 0; i < metricCount; i++) {
                b.putMetric(in.readString("metric name", MAX_NAME_BYTES), in.readDouble("metric"));
            }
            in.expectEnd();
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw in.invalid(e.getMessage());
        }
    }

    private static NamedTensor readTensor(BinaryReader in) {
        String name = in.readString("tensor name", MAX_NAME_BYTES);
        int rank = in.readCount("tensor rank", NamedTensor.MAX_RANK, Long.BYTES);
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = in.readLong("tensor dimension");
        }
        int size = in.readCount("tensor size", Integer.MAX_VALUE, Float.BYTES);
        return new NamedTensor(name, shape, in.readFloats("tensor " + name, size));
    }
}
