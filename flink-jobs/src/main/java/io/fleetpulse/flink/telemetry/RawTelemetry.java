package io.fleetpulse.flink.telemetry;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.RejectReason;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of the raw telemetry topic as FeatureJob read it: either the decoded {@link
 * TelemetryEvent} or the reason it could not be decoded, always with the original value bytes and
 * where the record came from, so that a rejected record reaches the dead-letter topic intact.
 *
 * <p>This is a Flink POJO (public no-argument constructor, getters and setters) so Flink serializes
 * it with its POJO serializer and the event with Avro's, never with Kryo. Build instances with
 * {@link #decoded} or {@link #rejected} and treat them as values; the setters exist for Flink.
 */
public class RawTelemetry {

    private TelemetryEvent event;
    private RejectReason rejectReason;
    private String rejectDetail;
    private byte[] payload = new byte[0];
    private String key;
    private String topic;
    private int partition;
    private long offset;
    private long kafkaTimestamp;

    /** For Flink's POJO serializer; use {@link #decoded} or {@link #rejected}. */
    public RawTelemetry() {}

    /** A record whose value decoded to {@code event}. */
    public static RawTelemetry decoded(TelemetryEvent event, byte[] payload, Source source) {
        RawTelemetry raw = new RawTelemetry();
        raw.event = Objects.requireNonNull(event, "event");
        raw.setSource(payload, source);
        return raw;
    }

    /** A record whose value could not be decoded, for {@code reason}. */
    public static RawTelemetry rejected(
            RejectReason reason, String detail, byte[] payload, Source source) {
        RawTelemetry raw = new RawTelemetry();
        raw.rejectReason = Objects.requireNonNull(reason, "reason");
        raw.rejectDetail = Objects.requireNonNull(detail, "detail");
        raw.setSource(payload, source);
        return raw;
    }

    private void setSource(byte[] value, Source source) {
        payload = value == null ? new byte[0] : value;
        key = source.key();
        topic = source.topic();
        partition = source.partition();
        offset = source.offset();
        kafkaTimestamp = source.timestamp();
    }

    /**
     * Where a record was read.
     *
     * @param topic the Kafka topic
     * @param partition the partition
     * @param offset the offset in the partition
     * @param timestamp the Kafka record timestamp (ms since the epoch; -1 when the record has none)
     * @param key the record key as UTF-8 text (the vehicle id on the raw topic), or null
     */
    public record Source(String topic, int partition, long offset, long timestamp, String key) {}

    /** Whether the value decoded; when false, {@link #getRejectReason()} says why. */
    public boolean isDecoded() {
        return event != null;
    }

    /** The vehicle id: the event's when decoded and present, else the record key (may be null). */
    public String vehicleId() {
        if (event != null && event.getVehicleId() != null && !event.getVehicleId().isBlank()) {
            return event.getVehicleId();
        }
        return key;
    }

    /** {@code topic-partition@offset}, for messages that point an operator at the record. */
    public String location() {
        return topic + "-" + partition + "@" + offset;
    }

    public TelemetryEvent getEvent() {
        return event;
    }

    public void setEvent(TelemetryEvent event) {
        this.event = event;
    }

    public RejectReason getRejectReason() {
        return rejectReason;
    }

    public void setRejectReason(RejectReason rejectReason) {
        this.rejectReason = rejectReason;
    }

    public String getRejectDetail() {
        return rejectDetail;
    }

    public void setRejectDetail(String rejectDetail) {
        this.rejectDetail = rejectDetail;
    }

    /** The record value exactly as read (empty for a record without a value). */
    public byte[] getPayload() {
        return payload;
    }

    public void setPayload(byte[] payload) {
        this.payload = payload;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public int getPartition() {
        return partition;
    }

    public void setPartition(int partition) {
        this.partition = partition;
    }

    public long getOffset() {
        return offset;
    }

    public void setOffset(long offset) {
        this.offset = offset;
    }

    public long getKafkaTimestamp() {
        return kafkaTimestamp;
    }

    public void setKafkaTimestamp(long kafkaTimestamp) {
        this.kafkaTimestamp = kafkaTimestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RawTelemetry that)) {
            return false;
        }
        return partition == that.partition
                && offset == that.offset
                && kafkaTimestamp == that.kafkaTimestamp
                && Objects.equals(event, that.event)
                && rejectReason == that.rejectReason
                && Objects.equals(rejectDetail, that.rejectDetail)
                && Arrays.equals(payload, that.payload)
                && Objects.equals(key, that.key)
                && Objects.equals(topic, that.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return (isDecoded() ? "RawTelemetry[decoded " : "RawTelemetry[" + rejectReason + " ")
                + location()
                + ", key="
                + key
                + ", "
                + payload.length
                + " bytes]";
    }
}
