package io.fleetpulse.flink.kafka;

/**
 * One record already serialised for Kafka: its topic, key and value bytes. Lets one operator send
 * several kinds of output through one transactional {@link ExactlyOnceSinks#ofTopicRecords sink}
 * (one transaction per checkpoint instead of one per kind). A Flink POJO: chained to its sink, it
 * is passed by reference and never copied.
 */
public final class TopicRecord {

    public String topic;
    public byte[] key;
    public byte[] value;

    /** For Flink's POJO serializer. */
    public TopicRecord() {}

    public TopicRecord(String topic, byte[] key, byte[] value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public String toString() {
        return "TopicRecord{" + topic + ", " + (value == null ? 0 : value.length) + " bytes}";
    }
}
